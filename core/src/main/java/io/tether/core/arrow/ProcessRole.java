package io.tether.core.arrow;

/** Which part of a Tether deployment a JVM plays; each has one {@link ArrowMemory}. */
public enum ProcessRole {
  /** The Spark driver: runs the learner, decodes and keeps each stage's rows. */
  DRIVER,
  /** A Spark executor: generates (and, embedded, scores) rollouts in tasks. */
  EXECUTOR,
  /** The reward service: scores rollouts sent over Arrow Flight. */
  REWARD_SERVICE
}
