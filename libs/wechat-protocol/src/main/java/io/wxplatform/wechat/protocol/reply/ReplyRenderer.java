package io.wxplatform.wechat.protocol.reply;

import io.wxplatform.wechat.protocol.xml.XmlWriter;

/** Renders passive replies as the XML WeChat expects, all text in (escaped) CDATA. */
public final class ReplyRenderer {

    private ReplyRenderer() {}

    /** {@code toUser} is the follower's openid, {@code fromUser} the account's original id ({@code gh_…}). */
    public static String render(PassiveReply reply, String toUser, String fromUser, long createTime) {
        XmlWriter xml = XmlWriter.root()
                .text("ToUserName", toUser)
                .text("FromUserName", fromUser)
                .number("CreateTime", createTime)
                .text("MsgType", reply.msgType());
        if (reply instanceof TextReply text) {
            xml.text("Content", text.content());
        } else if (reply instanceof ImageReply image) {
            xml.open("Image").text("MediaId", image.mediaId()).close("Image");
        } else if (reply instanceof VoiceReply voice) {
            xml.open("Voice").text("MediaId", voice.mediaId()).close("Voice");
        } else if (reply instanceof VideoReply video) {
            xml.open("Video")
                    .text("MediaId", video.mediaId())
                    .optionalText("Title", video.title())
                    .optionalText("Description", video.description())
                    .close("Video");
        } else if (reply instanceof MusicReply music) {
            xml.open("Music")
                    .optionalText("Title", music.title())
                    .optionalText("Description", music.description())
                    .optionalText("MusicUrl", music.musicUrl())
                    .optionalText("HQMusicUrl", music.hqMusicUrl())
                    .text("ThumbMediaId", music.thumbMediaId())
                    .close("Music");
        } else if (reply instanceof NewsReply news) {
            xml.number("ArticleCount", news.articles().size()).open("Articles");
            for (Article article : news.articles()) {
                xml.open("item")
                        .optionalText("Title", article.title())
                        .optionalText("Description", article.description())
                        .optionalText("PicUrl", article.picUrl())
                        .optionalText("Url", article.url())
                        .close("item");
            }
            xml.close("Articles");
        } else if (reply instanceof TransferCustomerServiceReply transfer && transfer.kfAccount() != null) {
            xml.open("TransInfo").text("KfAccount", transfer.kfAccount()).close("TransInfo");
        }
        return xml.build();
    }
}
