package io.tether.core.model;

/**
 * Size presets of the GPT-style decoder. The YAML value is the lower-case name.
 *
 * <p>Parameter counts below are for the byte tokenizer (vocabulary 259).
 */
public enum ModelPreset {
  /** About 0.1 M parameters: unit tests and the CI end-to-end run. */
  TINY(2, 2, 64, 128),
  /** About 3.3 M parameters: the default task on a laptop. */
  SMALL(4, 4, 256, 256),
  /** About 25 M parameters: benchmarks and GPU learners. */
  BASE(8, 8, 512, 512);

  private final int nLayer;
  private final int nHead;
  private final int dModel;
  private final int contextLength;

  ModelPreset(int nLayer, int nHead, int dModel, int contextLength) {
    this.nLayer = nLayer;
    this.nHead = nHead;
    this.dModel = dModel;
    this.contextLength = contextLength;
  }

  public int nLayer() {
    return nLayer;
  }

  public int nHead() {
    return nHead;
  }

  public int dModel() {
    return dModel;
  }

  public int contextLength() {
    return contextLength;
  }
}
