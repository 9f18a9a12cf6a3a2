package io.tether.rollout;

import io.tether.core.checkpoint.Role;
import java.io.Serializable;

/**
 * A model version in a checkpoint store: what the driver broadcasts and executors load.
 *
 * @param storeUri the run directory holding {@code checkpoints/}
 * @param role which model, e.g. {@link Role#POLICY}
 * @param version the version number
 */
public record ModelRef(String storeUri, Role role, long version) implements Serializable {}
