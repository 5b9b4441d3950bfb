package io.wxplatform.wechat.api;

/**
 * The account's industries for template messages ({@code get_industry}), each a first and second class name. WeChat
 * now calls them categories; the API still speaks of industries.
 */
public record TemplateIndustry(Industry primary, Industry secondary) {

    public record Industry(String firstClass, String secondClass) {}
}
