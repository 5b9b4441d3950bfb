package io.wxplatform.sandbox.component;

import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.time.Instant;

/** The XML WeChat pushes to a component's authorization event URL (before encryption). */
final class PushXml {

    private PushXml() {}

    static String verifyTicket(String componentAppId, Instant now, String ticket) {
        return header(componentAppId, now, "component_verify_ticket")
                .text("ComponentVerifyTicket", ticket)
                .build();
    }

    /** {@code authorized} or {@code updateauthorized}. */
    static String authorization(
            String componentAppId,
            Instant now,
            String infoType,
            String authorizerAppId,
            SimulatedComponent.Approval approval) {
        return header(componentAppId, now, infoType)
                .text("AuthorizerAppid", authorizerAppId)
                .text("AuthorizationCode", approval.authCode())
                .number(
                        "AuthorizationCodeExpiredTime",
                        approval.authCodeExpiresAt().getEpochSecond())
                .text("PreAuthCode", approval.preAuthCode())
                .build();
    }

    static String unauthorized(String componentAppId, Instant now, String authorizerAppId) {
        return header(componentAppId, now, "unauthorized")
                .text("AuthorizerAppid", authorizerAppId)
                .build();
    }

    private static XmlWriter header(String componentAppId, Instant now, String infoType) {
        return XmlWriter.root()
                .text("AppId", componentAppId)
                .number("CreateTime", now.getEpochSecond())
                .text("InfoType", infoType);
    }
}
