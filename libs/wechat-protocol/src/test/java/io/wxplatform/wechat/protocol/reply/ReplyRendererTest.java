package io.wxplatform.wechat.protocol.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.wechat.protocol.xml.XmlException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplyRendererTest {

    private static final String HEAD = "<xml><ToUserName><![CDATA[oFollower]]></ToUserName>"
            + "<FromUserName><![CDATA[gh_account]]></FromUserName><CreateTime>12345678</CreateTime>";

    private static String render(PassiveReply reply) {
        return ReplyRenderer.render(reply, "oFollower", "gh_account", 12345678L);
    }

    @Test
    void rendersText() {
        assertThat(render(new TextReply("你好")))
                .isEqualTo(HEAD + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>");
    }

    @Test
    void escapesTheCdataTerminatorInsideText() {
        String xml = render(new TextReply("a]]><script>"));

        assertThat(xml).contains("<Content><![CDATA[a]]]]><![CDATA[><script>]]></Content>");
        assertThat(ReplyParser.parse(xml)).isEqualTo(new TextReply("a]]><script>"));
    }

    @Test
    void rendersImageAndVoice() {
        assertThat(render(new ImageReply("m1")))
                .isEqualTo(HEAD + "<MsgType><![CDATA[image]]></MsgType>"
                        + "<Image><MediaId><![CDATA[m1]]></MediaId></Image></xml>");
        assertThat(render(new VoiceReply("m2")))
                .isEqualTo(HEAD + "<MsgType><![CDATA[voice]]></MsgType>"
                        + "<Voice><MediaId><![CDATA[m2]]></MediaId></Voice></xml>");
    }

    @Test
    void rendersVideoWithOptionalTitleAndDescription() {
        assertThat(render(new VideoReply("m", "t", "d")))
                .isEqualTo(HEAD + "<MsgType><![CDATA[video]]></MsgType>"
                        + "<Video><MediaId><![CDATA[m]]></MediaId><Title><![CDATA[t]]></Title>"
                        + "<Description><![CDATA[d]]></Description></Video></xml>");
        assertThat(render(new VideoReply("m", null, null)))
                .isEqualTo(HEAD + "<MsgType><![CDATA[video]]></MsgType>"
                        + "<Video><MediaId><![CDATA[m]]></MediaId></Video></xml>");
    }

    @Test
    void rendersMusic() {
        assertThat(render(new MusicReply("t", "d", "http://m", "http://hq", "thumb")))
                .isEqualTo(HEAD + "<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[t]]></Title>"
                        + "<Description><![CDATA[d]]></Description><MusicUrl><![CDATA[http://m]]></MusicUrl>"
                        + "<HQMusicUrl><![CDATA[http://hq]]></HQMusicUrl><ThumbMediaId><![CDATA[thumb]]></ThumbMediaId>"
                        + "</Music></xml>");
    }

    @Test
    void rendersNewsWithItsArticleCount() {
        NewsReply news =
                new NewsReply(List.of(new Article("t1", "d1", "p1", "u1"), new Article("t2", "d2", "p2", "u2")));

        assertThat(render(news))
                .isEqualTo(HEAD + "<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount>"
                        + "<Articles><item><Title><![CDATA[t1]]></Title><Description><![CDATA[d1]]></Description>"
                        + "<PicUrl><![CDATA[p1]]></PicUrl><Url><![CDATA[u1]]></Url></item>"
                        + "<item><Title><![CDATA[t2]]></Title><Description><![CDATA[d2]]></Description>"
                        + "<PicUrl><![CDATA[p2]]></PicUrl><Url><![CDATA[u2]]></Url></item></Articles></xml>");
    }

    @Test
    void newsHoldsOneToEightArticles() {
        Article article = new Article("t", "d", "p", "u");

        assertThatIllegalArgumentException().isThrownBy(() -> new NewsReply(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new NewsReply(Collections.nCopies(9, article)));
        assertThat(new NewsReply(Collections.nCopies(8, article)).articles()).hasSize(8);
    }

    static Stream<PassiveReply> everyReplyType() {
        return Stream.of(
                new TextReply("t ]]> t"),
                new ImageReply("img"),
                new VoiceReply("voice"),
                new VideoReply("v", "title", "desc"),
                new VideoReply("v", null, null),
                new MusicReply(null, null, null, null, "thumb"),
                new MusicReply("t", "d", "u", "hq", "thumb"),
                new NewsReply(List.of(new Article("only", null, null, "u"))),
                new NewsReply(List.of(new Article(null, null, null, null))),
                new NewsReply(Collections.nCopies(8, new Article("t", "d", "p", "u"))));
    }

    @ParameterizedTest
    @MethodSource("everyReplyType")
    void everyRenderedReplyParsesBackToItself(PassiveReply reply) {
        AddressedReply parsed = ReplyParser.parseAddressed(render(reply));

        assertThat(parsed).isEqualTo(new AddressedReply("oFollower", "gh_account", 12345678L, reply));
    }

    @Test
    void refusesRepliesWeChatWouldNotShow() {
        assertThatThrownBy(() -> ReplyParser.parse(HEAD + "<MsgType>hologram</MsgType></xml>"))
                .isInstanceOf(XmlException.class);
        assertThatThrownBy(() -> ReplyParser.parse(HEAD + "<MsgType>image</MsgType></xml>"))
                .isInstanceOf(XmlException.class);
        assertThatThrownBy(() -> ReplyParser.parse(HEAD + "<MsgType>news</MsgType><ArticleCount>2</ArticleCount>"
                        + "<Articles><item><Title>t</Title></item></Articles></xml>"))
                .isInstanceOf(XmlException.class);
        assertThatThrownBy(() -> ReplyParser.parse("<xml><MsgType>text</MsgType><Content>c</Content></xml>"))
                .isInstanceOf(XmlException.class);
    }
}
