package io.wxplatform.sandbox.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /cgi-bin/ticket/getticket?type=jsapi}: a fresh jsapi_ticket per call, each valid for the configured
 * lifetime (the previous one keeps working until its own expiry).
 */
@RestController
class TicketController {

    record TicketResponse(
            @JsonProperty("errcode") int errcode,
            @JsonProperty("errmsg") String errmsg,
            @JsonProperty("ticket") String ticket,
            @JsonProperty("expires_in") long expiresIn) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenStore tokens;
    private final ApiCallLog calls;
    private final TicketProperties props;

    TicketController(TokenStore tokens, ApiCallLog calls, TicketProperties props) {
        this.tokens = tokens;
        this.calls = calls;
        this.props = props;
    }

    @GetMapping("/cgi-bin/ticket/getticket")
    TicketResponse getTicket(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(required = false) String type) {
        String appId = tokens.appIdOf(accessToken);
        return calls.record(appId, "ticket/getticket", () -> {
            if (!"jsapi".equals(type)) {
                throw WeChatError.INVALID_ARGS.toException();
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String ticket = HexFormat.of().formatHex(bytes);
            return new TicketResponse(0, "ok", ticket, props.lifetime().toSeconds());
        });
    }
}
