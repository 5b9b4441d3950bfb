package io.wxplatform.wechat.protocol;

/**
 * A menu button that opened the scanner: {@code scancode_push} (WeChat shows the result) or {@code scancode_waitmsg}
 * (the follower waits for the account's answer); {@code scanType} is {@code qrcode} or {@code barcode}.
 */
public record ScanCodeMenuEvent(Header header, String eventKey, String scanType, String scanResult) implements WxEvent {

    static ScanCodeMenuEvent from(Header h) {
        var f = h.fields();
        return new ScanCodeMenuEvent(
                h,
                f.get("EventKey"),
                Fields.required(f, "ScanCodeInfo.ScanType"),
                Fields.required(f, "ScanCodeInfo.ScanResult"));
    }
}
