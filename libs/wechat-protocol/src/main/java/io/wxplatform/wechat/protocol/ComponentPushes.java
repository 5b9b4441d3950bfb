package io.wxplatform.wechat.protocol;

import io.wxplatform.wechat.protocol.xml.SafeXml;
import io.wxplatform.wechat.protocol.xml.XmlException;
import io.wxplatform.wechat.protocol.xml.XmlException.Reason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses component pushes (already decrypted) into {@link ComponentPush}; unknown InfoTypes never fail. */
public final class ComponentPushes {

    private interface Factory {
        ComponentPush create(String componentAppId, long createTime, Map<String, String> fields);
    }

    private static final List<String> HEADER_FIELDS = List.of("AppId", "CreateTime", "InfoType");

    /** InfoType to its record. Adding a type is one line. */
    private static final Map<String, Factory> TYPES = Map.of(
            "component_verify_ticket", VerifyTicketPush::from,
            "authorized", AuthorizationPush::from,
            "updateauthorized", AuthorizationPush::from,
            "unauthorized", UnauthorizedPush::from);

    private ComponentPushes() {}

    public static ComponentPush parse(String xml) {
        return fromFields(SafeXml.parseFields(xml));
    }

    public static ComponentPush fromFields(Map<String, String> raw) {
        if (raw == null) {
            throw new XmlException(Reason.MALFORMED, "no fields");
        }
        for (String name : HEADER_FIELDS) {
            String value = raw.get(name);
            if (value == null || value.isBlank()) {
                throw new XmlException(Reason.MALFORMED, "missing " + name);
            }
        }
        Map<String, String> fields = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        String appId = fields.get("AppId");
        long createTime;
        try {
            createTime = Long.parseLong(fields.get("CreateTime").trim());
        } catch (NumberFormatException e) {
            throw new XmlException(Reason.MALFORMED, "CreateTime is not a number", e);
        }
        Factory factory = TYPES.get(fields.get("InfoType"));
        if (factory != null) {
            try {
                return factory.create(appId, createTime, fields);
            } catch (IllegalArgumentException unreadableTypedField) {
                // fall through: the fields are still passed on intact
            }
        }
        return new UnknownComponentPush(appId, createTime, fields);
    }
}
