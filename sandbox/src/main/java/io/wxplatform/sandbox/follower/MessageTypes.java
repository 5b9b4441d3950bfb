package io.wxplatform.sandbox.follower;

import static io.wxplatform.sandbox.follower.XmlPart.bare;
import static io.wxplatform.sandbox.follower.XmlPart.cdata;

import java.util.List;
import java.util.Map;

/** What WeChat writes between {@code MsgType} and {@code MsgId} for each message type, in its order. */
final class MessageTypes {

    private static final List<XmlPart<MessageRequest>> VIDEO =
            parts(cdata("MediaId", MessageRequest::mediaId), cdata("ThumbMediaId", MessageRequest::thumbMediaId));

    /** Adding a type is one line; other types carry only what the caller put in {@code fields}. */
    static final Map<String, List<XmlPart<MessageRequest>>> TABLE = Map.of(
            "text", parts(cdata("Content", MessageRequest::content)),
            "image", parts(cdata("PicUrl", MessageRequest::picUrl), cdata("MediaId", MessageRequest::mediaId)),
            "voice",
                    parts(
                            cdata("MediaId", MessageRequest::mediaId),
                            cdata("Format", MessageRequest::format),
                            cdata("Recognition", MessageRequest::recognition)),
            "video", VIDEO,
            "shortvideo", VIDEO,
            "location",
                    parts(
                            bare("Location_X", MessageRequest::locationX).required("locationX"),
                            bare("Location_Y", MessageRequest::locationY).required("locationY"),
                            bare("Scale", MessageRequest::scale).required("scale"),
                            cdata("Label", MessageRequest::label)),
            "link",
                    parts(
                            cdata("Title", MessageRequest::title),
                            cdata("Description", MessageRequest::description),
                            cdata("Url", MessageRequest::url)));

    /** After the type's fields: the id, and where the follower wrote from an article, that article's ids. */
    static final List<XmlPart<MessageRequest>> TRAILER =
            parts(bare("MsgDataId", MessageRequest::msgDataId), bare("Idx", MessageRequest::idx));

    private MessageTypes() {}

    @SafeVarargs
    private static List<XmlPart<MessageRequest>> parts(XmlPart<MessageRequest>... parts) {
        return List.of(parts);
    }
}
