package io.wxplatform.sandbox.follower;

import static io.wxplatform.sandbox.follower.XmlPart.bare;
import static io.wxplatform.sandbox.follower.XmlPart.cdata;
import static io.wxplatform.sandbox.follower.XmlPart.group;
import static io.wxplatform.sandbox.follower.XmlPart.items;

import io.wxplatform.sandbox.follower.EventRequest.ScanCodeInfo;
import io.wxplatform.sandbox.follower.EventRequest.SendLocationInfo;
import io.wxplatform.sandbox.follower.EventRequest.SendPicsInfo;
import java.util.List;
import java.util.Map;

/** What WeChat writes after {@code <Event>} for each event, in its order; keys are WeChat's spelling. */
final class EventTypes {

    private static final XmlPart<EventRequest> KEY =
            cdata("EventKey", EventRequest::eventKey).required("eventKey");

    private static final List<XmlPart<EventRequest>> QR = parts(KEY, cdata("Ticket", EventRequest::ticket));

    private static final List<XmlPart<EventRequest>> MENU_SCAN = parts(
            KEY,
            group(
                            "ScanCodeInfo",
                            EventRequest::scanCodeInfo,
                            cdata("ScanType", (ScanCodeInfo s) -> s.scanType() != null ? s.scanType() : "qrcode"),
                            cdata("ScanResult", ScanCodeInfo::scanResult).required("scanCodeInfo.scanResult"))
                    .required("scanCodeInfo"));

    private static final List<XmlPart<EventRequest>> MENU_PICS = parts(
            KEY,
            group(
                            "SendPicsInfo",
                            EventRequest::sendPicsInfo,
                            bare(
                                    "Count",
                                    (SendPicsInfo p) -> p.count() != null
                                            ? p.count()
                                            : p.picList() != null ? p.picList().size() : 0),
                            items("PicList", SendPicsInfo::picList, cdata("PicMd5Sum", SendPicsInfo.Pic::picMd5Sum)))
                    .required("sendPicsInfo"));

    /** Menu location pick: unlike the location message, WeChat writes these numbers as CDATA text. */
    private static final List<XmlPart<EventRequest>> MENU_LOCATION = parts(
            KEY,
            group(
                            "SendLocationInfo",
                            EventRequest::sendLocationInfo,
                            cdata("Location_X", SendLocationInfo::locationX).required("sendLocationInfo.locationX"),
                            cdata("Location_Y", SendLocationInfo::locationY).required("sendLocationInfo.locationY"),
                            cdata("Scale", SendLocationInfo::scale),
                            cdata("Label", SendLocationInfo::label),
                            cdata("Poiname", SendLocationInfo::poiname))
                    .required("sendLocationInfo"));

    private static final List<XmlPart<EventRequest>> MENU_LINK = parts(KEY, bare("MenuId", EventRequest::menuId));

    /** Adding an event is one line; other events carry an optional EventKey and what is in {@code fields}. */
    static final Map<String, List<XmlPart<EventRequest>>> TABLE = Map.ofEntries(
            Map.entry(
                    "subscribe",
                    parts(cdata("EventKey", EventRequest::eventKey), cdata("Ticket", EventRequest::ticket))),
            Map.entry("unsubscribe", parts(cdata("EventKey", EventRequest::eventKey))),
            Map.entry("SCAN", QR),
            Map.entry(
                    "LOCATION",
                    parts(
                            bare("Latitude", EventRequest::latitude).required("latitude"),
                            bare("Longitude", EventRequest::longitude).required("longitude"),
                            bare("Precision", EventRequest::precision).required("precision"))),
            Map.entry("CLICK", parts(KEY)),
            Map.entry("VIEW", MENU_LINK),
            Map.entry("view_miniprogram", MENU_LINK),
            Map.entry("scancode_push", MENU_SCAN),
            Map.entry("scancode_waitmsg", MENU_SCAN),
            Map.entry("pic_sysphoto", MENU_PICS),
            Map.entry("pic_photo_or_album", MENU_PICS),
            Map.entry("pic_weixin", MENU_PICS),
            Map.entry("location_select", MENU_LOCATION),
            Map.entry(
                    "TEMPLATESENDJOBFINISH",
                    parts(
                            bare("MsgID", EventRequest::msgId).required("msgId"),
                            cdata("Status", (EventRequest e) -> e.status() != null ? e.status() : "success"))),
            Map.entry(
                    "MASSSENDJOBFINISH",
                    parts(
                            bare("MsgID", EventRequest::msgId).required("msgId"),
                            cdata("Status", (EventRequest e) -> e.status() != null ? e.status() : "send success"),
                            bare("TotalCount", (EventRequest e) -> orOne(e.totalCount())),
                            bare("FilterCount", (EventRequest e) -> orOne(e.filterCount())),
                            bare("SentCount", (EventRequest e) -> orOne(e.sentCount())),
                            bare("ErrorCount", (EventRequest e) -> e.errorCount() != null ? e.errorCount() : 0))));

    static final List<XmlPart<EventRequest>> OTHER = parts(cdata("EventKey", EventRequest::eventKey));

    private EventTypes() {}

    /** A mass send's counts default to one follower reached. */
    private static int orOne(Integer count) {
        return count != null ? count : 1;
    }

    @SafeVarargs
    private static List<XmlPart<EventRequest>> parts(XmlPart<EventRequest>... parts) {
        return List.of(parts);
    }
}
