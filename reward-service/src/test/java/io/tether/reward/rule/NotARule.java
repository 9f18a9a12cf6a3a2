package io.tether.reward.rule;

/** A class that does not implement {@link RewardRule}, for the error the tests expect. */
public final class NotARule {}
