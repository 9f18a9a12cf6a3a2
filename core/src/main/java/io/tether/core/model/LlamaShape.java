package io.tether.core.model;

/**
 * What a Llama-family decoder (Llama, Qwen2, Mistral) has beyond {@link ModelSpec}'s fields:
 * RMSNorm (epsilon: {@link ModelSpec#layerNormEps}), rotary positions in the rotate-half layout,
 * a SwiGLU MLP, grouped-query attention, optional q/k/v biases, optional per-head q/k norms and an
 * optional untied LM head.
 *
 * @param nKvHead key/value heads; divides {@code nHead}
 * @param headDim width of one attention head
 * @param intermediate width of the SwiGLU MLP
 * @param ropeTheta rotary base
 * @param scaling the {@code llama3} frequency scaling, or null for none
 * @param tiedEmbeddings whether the LM head is the token embedding
 * @param qkvBias whether q, k and v projections have biases (Qwen2)
 * @param qkNorm whether each head's q and k are RMSNorm'd over the head before the rotation
 *     (Qwen3)
 */
public record LlamaShape(int nKvHead, int headDim, int intermediate, double ropeTheta,
    Llama3Scaling scaling, boolean tiedEmbeddings, boolean qkvBias, boolean qkNorm) {

  public LlamaShape {
    if (nKvHead < 1 || headDim < 1 || intermediate < 1 || !(ropeTheta > 0)) {
      throw new IllegalArgumentException("nKvHead, headDim, intermediate and ropeTheta must be"
          + " positive, got " + nKvHead + ", " + headDim + ", " + intermediate + ", " + ropeTheta);
    }
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("headDim must be even for rotary positions, got "
          + headDim);
    }
  }

  /**
   * The {@code llama3} rope scaling: wavelengths longer than {@code originalMax / lowFreqFactor}
   * are divided by {@code factor}, shorter than {@code originalMax / highFreqFactor} kept, and
   * those between interpolated.
   */
  public record Llama3Scaling(double factor, double lowFreqFactor, double highFreqFactor,
      int originalMaxPositions) {}

  /** The rotary inverse frequencies, one per pair of dimensions (headDim / 2 of them). */
  public double[] inverseFrequencies() {
    double[] inv = new double[headDim / 2];
    for (int i = 0; i < inv.length; i++) {
      inv[i] = 1.0 / Math.pow(ropeTheta, 2.0 * i / headDim);
      if (scaling != null) {
        inv[i] = scaled(inv[i]);
      }
    }
    return inv;
  }

  private double scaled(double freq) {
    double wavelength = 2 * Math.PI / freq;
    double lowWave = scaling.originalMaxPositions() / scaling.lowFreqFactor();
    double highWave = scaling.originalMaxPositions() / scaling.highFreqFactor();
    if (wavelength < highWave) {
      return freq;
    }
    if (wavelength > lowWave) {
      return freq / scaling.factor();
    }
    double smooth = (scaling.originalMaxPositions() / wavelength - scaling.lowFreqFactor())
        / (scaling.highFreqFactor() - scaling.lowFreqFactor());
    return (1 - smooth) * freq / scaling.factor() + smooth * freq;
  }
}
