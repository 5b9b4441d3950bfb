package io.wxplatform.sandbox.follower;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A message the follower sends: {@code msgType} plus that type's fields (text: content; image: picUrl, mediaId;
 * voice: mediaId, format, recognition; video/shortvideo: mediaId, thumbMediaId; location: locationX, locationY,
 * scale, label; link: title, description, url). {@code fields} adds raw WeChat fields after MsgId.
 */
public record MessageRequest(
        String msgType,
        String content,
        String picUrl,
        String mediaId,
        String format,
        String recognition,
        String thumbMediaId,
        BigDecimal locationX,
        BigDecimal locationY,
        BigDecimal scale,
        String label,
        String title,
        String description,
        String url,
        Map<String, String> fields) {
}
