package io.tether.rollout;

import java.io.Serializable;

/**
 * A model version in a checkpoint store: what the driver broadcasts and executors load.
 *
 * @param storeUri the run directory holding {@code checkpoints/}
 * @param role e.g. {@code policy}, {@code reference}
 * @param version the version number
 */
public record ModelRef(String storeUri, String role, long version) implements Serializable {}
