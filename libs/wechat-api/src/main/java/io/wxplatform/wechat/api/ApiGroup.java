package io.wxplatform.wechat.api;

/**
 * The rows of WeChat's interface permission table (shared/design/wechat-protocol.md §5). Which account may call a
 * group is data, in {@code permissions.txt} read by {@link Permissions}, not a property of the enum.
 */
public enum ApiGroup {
    ACCESS_TOKEN,
    /** Receiving messages and events, passive replies, server IP list. */
    RECEIVE_MESSAGES,
    CUSTOMER_SERVICE_MESSAGES,
    MASS_SEND,
    /** Mass sends to an openid list ({@code message/mass/send}): WeChat gives them to verified service accounts. */
    MASS_SEND_BY_OPENID,
    ONE_TIME_SUBSCRIPTION_MESSAGES,
    /** Tags, tagging followers and the blacklist ({@code /cgi-bin/tags/…}). */
    USER_TAGS,
    USER_REMARKS,
    USER_INFO,
    FOLLOWER_LIST,
    MATERIAL,
    INVOICES,
    JSSDK_SHARING,
    CARDS,
    TEMPLATE_MESSAGES,
    USER_LOCATION,
    OAUTH_WEB_AUTHORIZATION,
    QR_CODES,
    SHORT_LINKS,
    SEMANTIC_UNDERSTANDING,
    CUSTOMER_SERVICE_MANAGEMENT,
    PAYMENTS,
    STORE,
    DEVICES,
    MENUS,
    /** JS-SDK basic, image, audio, smart, device, location, UI and scan interfaces. */
    JSSDK_BASIC,
    /** Data statistics ({@code /datacube/…}): follower, article, message and API figures. */
    ANALYTICS
}
