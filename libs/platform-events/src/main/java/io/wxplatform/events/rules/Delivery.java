package io.wxplatform.events.rules;

/**
 * How a matched {@link ReplyRule} answers. A passive reply is the answer to the callback itself (callback-service,
 * within WeChat's 5 s); a customer-service message is sent afterwards by messaging-service through WeChat's
 * customer-service API, stored and sent once, so callback-service answers {@code success}.
 */
public enum Delivery {
    PASSIVE,
    CUSTOMER_SERVICE
}
