package io.wxplatform.callback.rules;

import io.wxplatform.events.rules.ReplyRuleSet;

/**
 * What is held for one account: the version last applied and its rules, null once a tombstone cleared them (the
 * version is kept, so an older set read later cannot bring cleared rules back).
 */
record HeldRules(long version, ReplyRuleSet rules) {}
