package io.wxplatform.wechat.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A menu button that sent pictures: {@code pic_sysphoto} (camera), {@code pic_photo_or_album}, {@code pic_weixin}
 * (WeChat's album); {@code count} pictures, whose MD5 sums {@link #picMd5Sums()} reads from the fields.
 */
public record PicturesMenuEvent(Header header, String eventKey, int count) implements WxEvent {

    static PicturesMenuEvent from(Header h) {
        return new PicturesMenuEvent(h, h.fields().get("EventKey"), Fields.intValue(h.fields(), "SendPicsInfo.Count"));
    }

    public List<String> picMd5Sums() {
        List<String> sums = new ArrayList<>();
        for (int i = 0; fields().containsKey(item(i)); i++) {
            sums.add(fields().get(item(i)));
        }
        return sums;
    }

    private static String item(int index) {
        return "SendPicsInfo.PicList.item[" + index + "].PicMd5Sum";
    }
}
