package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The MLP's nonlinearity in a GPT-style block. */
public enum MlpActivation {
  /** The exact GELU, x * Phi(x): Tether's own models. */
  GELU,
  /**
   * The tanh approximation 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))): GPT-2's {@code
   * gelu_new} (also {@code gelu_pytorch_tanh}).
   */
  GELU_TANH,
  /** x * sigmoid(x), gating the Llama family's SwiGLU MLP. */
  SILU;

  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

  NDArray apply(NDArray x) {
    if (this == GELU) {
      return Activation.gelu(x);
    }
    if (this == SILU) {
      return Activation.sigmoid(x).mul(x);
    }
    // x * x * x, not pow(3): see LlamaLayer.rmsNorm on scalar exponents in the backward pass
    NDArray inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(SQRT_2_OVER_PI);
    return x.mul(inner.tanh().add(1)).mul(0.5);
  }
}
