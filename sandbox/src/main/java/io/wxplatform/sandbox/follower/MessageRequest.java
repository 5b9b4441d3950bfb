package io.wxplatform.sandbox.follower;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A message the follower sends: {@code msgType} plus that type's fields (text: content; image: picUrl, mediaId;
 * voice: mediaId, format, recognition; video/shortvideo: mediaId, thumbMediaId; location: locationX, locationY,
 * scale, label; link: title, description, url). {@code msgDataId} and {@code idx} mark a message sent from an
 * article. {@code fields} adds raw WeChat fields at the end. {@code deliveries} and {@code targets}: see
 * {@link io.wxplatform.sandbox.callback.DeliveryPlan}.
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
        Long msgDataId,
        Integer idx,
        Map<String, String> fields,
        Integer deliveries,
        List<String> targets) {}
