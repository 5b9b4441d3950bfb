package io.wxplatform.wechat.protocol.reply;

/**
 * Hands the follower's message to the account's customer-service agents ({@code transfer_customer_service}); with
 * {@code kfAccount} ({@code name@account}) to that agent only, through {@code <TransInfo><KfAccount>}, otherwise to
 * whichever agent WeChat picks.
 */
public record TransferCustomerServiceReply(String kfAccount) implements PassiveReply {

    public TransferCustomerServiceReply {
        if (kfAccount != null && kfAccount.isBlank()) {
            kfAccount = null;
        }
    }

    @Override
    public String msgType() {
        return "transfer_customer_service";
    }
}
