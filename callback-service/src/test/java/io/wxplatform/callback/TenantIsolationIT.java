package io.wxplatform.callback;

import io.wxplatform.callback.support.DeadLetterParking;
import io.wxplatform.callback.support.OperatorApiITSupport;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.auth.Endpoints;
import io.wxplatform.testkit.auth.TenantIsolation;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every REST endpoint of callback-service (the operator API; WeChat's callbacks are not REST) refuses every tenant
 * token and a missing one. The tenants need not exist: no endpoint here is a tenant's.
 */
class TenantIsolationIT extends OperatorApiITSupport {

    private static final String DEAD_LETTERS = "/api/v1/operator/dead-letters";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void noTenantReachesTheOperatorApi() {
        String dlq = DEAD_LETTERS + "/" + Topics.dlq(Topics.INBOUND);
        RecordMetadata parked =
                DeadLetterParking.park("wxiso:msg:" + UUID.randomUUID(), "wxiso|o1", new byte[] {'{', '}'});
        TenantIsolation.against("http://localhost:" + port)
                .owner("t-owner")
                .attacker("t-attacker")
                .inventory(Endpoints.of(mappings))
                .operatorOnly("GET /api/v1/operator/outbox", "/api/v1/operator/outbox", null)
                .operatorOnly("GET " + DEAD_LETTERS, DEAD_LETTERS, null)
                .operatorOnly("GET " + DEAD_LETTERS + "/{topic}/records", dlq + "/records", null)
                .operatorOnly(
                        "POST " + DEAD_LETTERS + "/{topic}/records/{partition}/{offset}:republish",
                        dlq + "/records/" + parked.partition() + "/" + parked.offset() + ":republish",
                        null)
                .verify();
    }
}
