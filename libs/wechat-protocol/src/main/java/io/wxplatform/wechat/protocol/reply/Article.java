package io.wxplatform.wechat.protocol.reply;

/** One entry of a {@link NewsReply}; every field is optional but WeChat shows nothing useful without a title. */
public record Article(String title, String description, String picUrl, String url) {}
