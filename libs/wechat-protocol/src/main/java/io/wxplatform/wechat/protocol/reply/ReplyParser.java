package io.wxplatform.wechat.protocol.reply;

import io.wxplatform.wechat.protocol.xml.SafeXml;
import io.wxplatform.wechat.protocol.xml.XmlException;
import io.wxplatform.wechat.protocol.xml.XmlException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads rendered reply XML back (the sandbox records what a follower received). Invalid replies fail, as on WeChat. */
public final class ReplyParser {

    private ReplyParser() {}

    public static PassiveReply parse(String xml) {
        return parseAddressed(xml).reply();
    }

    public static AddressedReply parseAddressed(String xml) {
        Map<String, String> f = SafeXml.parseFields(xml);
        String msgType = require(f, "MsgType");
        long createTime;
        try {
            createTime = Long.parseLong(require(f, "CreateTime").trim());
        } catch (NumberFormatException e) {
            throw new XmlException(Reason.MALFORMED, "CreateTime is not a number", e);
        }
        try {
            return new AddressedReply(
                    require(f, "ToUserName"), require(f, "FromUserName"), createTime, reply(msgType, f));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new XmlException(Reason.MALFORMED, "invalid " + msgType + " reply: " + e.getMessage(), e);
        }
    }

    private static PassiveReply reply(String msgType, Map<String, String> f) {
        return switch (msgType) {
            case "text" -> new TextReply(f.get("Content"));
            case "image" -> new ImageReply(f.get("Image.MediaId"));
            case "voice" -> new VoiceReply(f.get("Voice.MediaId"));
            case "video" -> new VideoReply(f.get("Video.MediaId"), f.get("Video.Title"), f.get("Video.Description"));
            case "music" ->
                new MusicReply(
                        f.get("Music.Title"),
                        f.get("Music.Description"),
                        f.get("Music.MusicUrl"),
                        f.get("Music.HQMusicUrl"),
                        f.get("Music.ThumbMediaId"));
            case "news" -> news(f);
            case "transfer_customer_service" -> new TransferCustomerServiceReply(f.get("TransInfo.KfAccount"));
            default -> throw new IllegalArgumentException("unknown reply type");
        };
    }

    private static NewsReply news(Map<String, String> f) {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; hasArticle(f, "Articles.item[" + i + "]"); i++) {
            String p = "Articles.item[" + i + "].";
            articles.add(
                    new Article(f.get(p + "Title"), f.get(p + "Description"), f.get(p + "PicUrl"), f.get(p + "Url")));
        }
        String count = f.get("ArticleCount");
        if (count == null || Integer.parseInt(count.trim()) != articles.size()) {
            throw new IllegalArgumentException("ArticleCount does not match the articles");
        }
        return new NewsReply(articles);
    }

    private static boolean hasArticle(Map<String, String> f, String prefix) {
        return f.keySet().stream().anyMatch(key -> key.equals(prefix) || key.startsWith(prefix + "."));
    }

    private static String require(Map<String, String> f, String name) {
        String value = f.get(name);
        if (value == null) {
            throw new XmlException(Reason.MALFORMED, "reply without " + name);
        }
        return value;
    }
}
