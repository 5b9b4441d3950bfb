package io.wxplatform.wechat.api;

import java.util.Locale;

/** WeChat's two kinds of official account; with verification they decide which APIs an account may call. */
public enum AccountType {
    SUBSCRIPTION,
    SERVICE;

    /** {@code service_type_info.id} of api_get_authorizer_info: 0 or 1 subscription, 2 service. */
    public static AccountType ofServiceTypeId(int serviceTypeId) {
        return serviceTypeId == 2 ? SERVICE : SUBSCRIPTION;
    }

    /** The type by name, any case; null when the name is null or unknown. */
    public static AccountType parse(String name) {
        if (name == null) {
            return null;
        }
        for (AccountType type : values()) {
            if (type.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                return type;
            }
        }
        return null;
    }
}
