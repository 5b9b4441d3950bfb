package io.wxplatform.bench.sends;

/** What the sandbox received of the sends accepted around a kill: accepted ones missing, and messages seen twice. */
record KillOutcome(long lost, long duplicated) {}
