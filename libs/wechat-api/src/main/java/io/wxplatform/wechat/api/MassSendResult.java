package io.wxplatform.wechat.api;

/**
 * WeChat's answer to a mass send: {@code msgId} (which MASSSENDJOBFINISH, mass/get and mass/delete name) and {@code
 * msgDataId} (articles only). {@code alreadySent}: WeChat had this clientmsgid within 24 hours (45065) and sent
 * nothing now; {@code msgId} is then the first send's, when WeChat said it.
 */
public record MassSendResult(String msgId, String msgDataId, boolean alreadySent) {}
