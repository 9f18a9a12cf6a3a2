package io.tether.core.config;

/**
 * Learning-rate schedule after warm-up.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum LrSchedule {
  /** The peak rate throughout. */
  CONSTANT,
  /** Linear decay to zero at the last step. */
  LINEAR,
  /** Cosine decay to zero at the last step. */
  COSINE
}
