package io.wxplatform.wechat.api;

/**
 * One of the account's subscription-notification templates ({@code wxaapi/newtmpl/gettemplate}): {@code type} 2 is a
 * one-time template, 3 a long-term one.
 */
public record SubscriptionTemplate(String templateId, String title, String content, String example, int type) {}
