package io.wxplatform.messaging.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.CustomMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomMessageRequestTest {

    @Test
    void aNewsRequestBecomesOneLinkCard() {
        var request = new CustomMessageRequest(
                "o1",
                "news",
                null,
                null,
                null,
                null,
                null,
                new CustomMessageRequest.News("Title", null, "https://example.com", null),
                null,
                null,
                null);

        assertThat(request.toWeChat())
                .isEqualTo(new CustomMessage.News("o1", "Title", null, "https://example.com", null));
        assertThat(request.preview()).isEqualTo("Title");
    }

    @Test
    void theObjectOfTheTypeMustBeThere() {
        var request = new CustomMessageRequest(
                "o1", "image", new CustomMessageRequest.Text("hi"), null, null, null, null, null, null, null, null);

        ApiException refused = catchThrowableOfType(ApiException.class, request::toWeChat);

        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.fieldErrors()).containsOnlyKeys("image");
    }

    @Test
    void everyMissingFieldIsNamed() {
        var request = new CustomMessageRequest(
                " ",
                "msgmenu",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new CustomMessageRequest.MsgMenu("Rate us", List.of(new CustomMessageRequest.MenuItem("1", "")), null),
                null);

        ApiException refused = catchThrowableOfType(ApiException.class, request::toWeChat);

        assertThat(refused.fieldErrors()).containsOnlyKeys("openId", "msgmenu.items[0].content");
    }

    @Test
    void unknownTypesAndOverlongTextsAreRefused() {
        var hologram = new CustomMessageRequest("o1", "hologram", null, null, null, null, null, null, null, null, null);
        assertThat(catchThrowableOfType(ApiException.class, hologram::toWeChat).fieldErrors())
                .containsOnlyKeys("msgType");

        var tooLong = new CustomMessageRequest(
                "o1",
                "text",
                new CustomMessageRequest.Text("字".repeat(683)),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(catchThrowableOfType(ApiException.class, tooLong::toWeChat).fieldErrors())
                .containsEntry("text.content", "must be at most 2048 bytes of UTF-8");
    }
}
