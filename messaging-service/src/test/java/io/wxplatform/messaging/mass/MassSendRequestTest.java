package io.wxplatform.messaging.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.MassMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MassSendRequestTest {

    private static MassSendRequest send(Boolean toAll, Long tagId, List<String> openIds, String msgType) {
        return new MassSendRequest(
                toAll,
                tagId,
                openIds,
                null,
                msgType,
                new MassSendRequest.Text("hello"),
                null,
                null,
                new MassSendRequest.Media("video-1"),
                null,
                null,
                null);
    }

    @Test
    void exactlyOneTargetIsRequired() {
        assertThatThrownBy(() -> send(true, 2L, null, "text").validateSend(100))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.fieldErrors()).containsKey("toAll"));
        assertThatThrownBy(() -> send(null, null, null, "text").validateSend(100))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.fieldErrors()).containsKey("toAll"));
    }

    @Test
    void anOpenIdListNeedsTwoDifferentFollowersAndAtMostTheJobsLimit() {
        assertThatThrownBy(() -> send(null, null, List.of("oA", "oA"), "text").validateSend(100))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.fieldErrors()).containsKey("openIds"));
        assertThatThrownBy(() ->
                        send(null, null, List.of("oA", "oB", "oC"), "text").validateSend(2))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.fieldErrors()).containsKey("openIds"));
    }

    @Test
    void aVideoIsWeChatsMpvideoAndMissingContentIsNamed() {
        MassSendRequest video = send(true, null, null, "video");
        video.validateSend(100);
        assertThat(video.message()).isEqualTo(new MassMessage(MassMessage.Type.MPVIDEO, "video-1", false));

        assertThatThrownBy(() -> send(true, null, null, "mpnews").validateSend(100))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.fieldErrors()).containsKey("mpnews.mediaId"));
    }
}
