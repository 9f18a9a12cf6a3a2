package io.tether.core.config;

/**
 * Floating-point type of model parameters and activations.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum ModelDType {
  /** 32-bit floats (the default). */
  FLOAT32,
  /** 64-bit floats: slow, for gradient checks. */
  FLOAT64
}
