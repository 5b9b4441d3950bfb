package io.wxplatform.wechat.api;

import java.util.List;

/**
 * One page of openids ({@code user/get}, {@code user/tag/get}, {@code tags/members/getblacklist}). WeChat's last
 * page is empty with an empty {@code next_openid}; paging stops there, not after the first 10,000.
 *
 * @param total      all openids of the list ({@code -1} where WeChat does not say)
 * @param nextOpenId where the next page starts; empty when there is none
 */
public record OpenIdPage(long total, List<String> openIds, String nextOpenId) {

    public OpenIdPage {
        openIds = List.copyOf(openIds);
        nextOpenId = nextOpenId == null ? "" : nextOpenId;
    }

    /** No page follows: WeChat answered an empty next_openid or no openids. */
    public boolean last() {
        return nextOpenId.isEmpty() || openIds.isEmpty();
    }
}
