package io.wxplatform.wechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerServiceWindowTest {

    @ParameterizedTest
    @CsvSource({
        "text, , OPENS_MESSAGE_WINDOW",
        "voice, , OPENS_MESSAGE_WINDOW",
        "location, , OPENS_MESSAGE_WINDOW",
        "event, subscribe, OPENS_EVENT_WINDOW",
        "event, SCAN, OPENS_EVENT_WINDOW",
        "event, CLICK, OPENS_EVENT_WINDOW",
        "event, scancode_push, OPENS_EVENT_WINDOW",
        "event, scancode_waitmsg, OPENS_EVENT_WINDOW",
        "event, VIEW, UNCHANGED",
        "event, LOCATION, UNCHANGED",
        "event, pic_weixin, UNCHANGED",
        "event, TEMPLATESENDJOBFINISH, UNCHANGED",
        "event, unsubscribe, CLOSES"
    })
    void whatEachCallbackDoesToTheWindow(String msgType, String event, CustomerServiceWindow expected) {
        Map<String, String> fields = new LinkedHashMap<>(
                Map.of("ToUserName", "gh_1", "FromUserName", "o1", "CreateTime", "1714112445", "MsgType", msgType));
        if (event != null) {
            fields.put("Event", event);
        } else {
            fields.put("MsgId", "1");
        }

        assertThat(CustomerServiceWindow.after(InboundMessages.fromFields(fields)))
                .isEqualTo(expected);
    }
}
