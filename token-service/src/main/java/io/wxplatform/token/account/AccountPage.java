package io.wxplatform.token.account;

import java.util.List;

record AccountPage(List<AccountView> items, int page, int size, long total) {}
