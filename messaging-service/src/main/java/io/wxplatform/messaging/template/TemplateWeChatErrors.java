package io.wxplatform.messaging.template;

import io.wxplatform.messaging.send.WeChatErrors;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** WeChat's refusals of the template calls made within a request, rendered as send's {@link WeChatErrors} does. */
@RestControllerAdvice(assignableTypes = {TemplatesController.class, TemplateMessagesController.class})
class TemplateWeChatErrors extends WeChatErrors {}
