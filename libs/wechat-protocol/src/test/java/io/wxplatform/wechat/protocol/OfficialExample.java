package io.wxplatform.wechat.protocol;

/** The worked example from WeChat's 消息推送 page (JSON data format, same algorithm). */
public final class OfficialExample {

    public static final String TOKEN = "AAAAA";
    public static final String AES_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    public static final String APP_ID = "wxba5fad812f8e6fb9";

    public static final String GET_TIMESTAMP = "1714036504";
    public static final String GET_NONCE = "1514711492";
    public static final String GET_SIGNATURE = "f464b24fc39322e44b38aa78f5edd27bd1441696";

    public static final String POST_TIMESTAMP = "1714112445";
    public static final String POST_NONCE = "415670741";
    public static final String POST_ENCRYPT =
            "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMk"
                    + "Uyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3F"
                    + "n2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFU"
                    + "PAJGj04=";
    public static final String POST_MSG_SIGNATURE = "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3";
    public static final String POST_RANDOM = "a8eedb185eb2fecf";
    public static final String POST_MESSAGE =
            "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNO"
                    + "DIiE3bGY\",\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}";

    public static final String REPLY_RANDOM = "707722b803182950";
    public static final String REPLY_MESSAGE = "{\"demo_resp\":\"good luck\"}";
    public static final String REPLY_ENCRYPT =
            "ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRb" + "tzve1L32tmxSQ==";
    public static final String REPLY_TIMESTAMP = "1713424427";
    public static final String REPLY_NONCE = "415670741";
    public static final String REPLY_MSG_SIGNATURE = "1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1";

    private OfficialExample() {}
}
