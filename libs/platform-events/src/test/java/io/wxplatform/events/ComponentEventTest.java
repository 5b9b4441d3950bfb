package io.wxplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.wechat.protocol.VerifyTicketPush;
import org.junit.jupiter.api.Test;

class ComponentEventTest {

    @Test
    void aVerifyTicketPushKeepsTheTicketForTokenServiceAndIsKeyedByComponent() {
        ComponentEvent event = Samples.component(Samples.VERIFY_TICKET_XML);

        assertThat(event.componentAppId()).isEqualTo("wxcomponent01");
        assertThat(event.infoType()).isEqualTo("component_verify_ticket");
        assertThat(event.authorizerAppId()).isNull();
        assertThat(event.kafkaKey()).isEqualTo("wxcomponent01");
        assertThat(event.fields()).containsEntry("ComponentVerifyTicket", "ticket@@@secretish");
        assertThat(event.push())
                .isInstanceOfSatisfying(
                        VerifyTicketPush.class,
                        push -> assertThat(push.ticket()).isEqualTo("ticket@@@secretish"));
    }

    @Test
    void theTicketNeverAppearsInToString() {
        assertThat(Samples.component(Samples.VERIFY_TICKET_XML).toString()).doesNotContain("secretish");
    }

    @Test
    void anAuthorizationPushNamesTheAuthorizerInItsCloudEvent() {
        CloudEvent ce = Samples.component(Samples.AUTHORIZED_XML).cloudEvent();

        assertThat(ce.type()).isEqualTo("io.wxplatform.wx.component.authorized");
        assertThat(ce.source()).isEqualTo("/wx/component/wxcomponent01");
        assertThat(ce.appId()).isEqualTo("wxauthorizer9");
        assertThat(ce.tenantId()).isNull();
    }
}
