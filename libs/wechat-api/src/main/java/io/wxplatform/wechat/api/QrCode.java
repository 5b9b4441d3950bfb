package io.wxplatform.wechat.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A parametric QR code as {@code qrcode/create} answers it.
 *
 * @param expireSeconds 0 for a permanent code
 * @param url           what the code encodes
 */
public record QrCode(String ticket, long expireSeconds, String url) {

    /** The code's image, served by WeChat for the ticket. */
    public String imageUrl() {
        return "https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
    }
}
