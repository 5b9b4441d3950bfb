package io.wxplatform.wechat.api;

import java.time.LocalDate;

/** One row of {@code datacube/getusercumulate}: how many followers the account had at the end of a day. */
public record UserCumulate(LocalDate day, long cumulateUsers) {}
