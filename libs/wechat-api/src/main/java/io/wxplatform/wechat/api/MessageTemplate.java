package io.wxplatform.wechat.api;

/**
 * One of the account's templates ({@code get_all_private_template}): its id, title, the industry it belongs to and
 * its content ({@code {{keyword.DATA}}} placeholders) and example.
 */
public record MessageTemplate(
        String templateId,
        String title,
        String primaryIndustry,
        String deputyIndustry,
        String content,
        String example) {}
