package io.tether.core.hf;

/** A test's independent forward pass: logits [T][V] of one unpadded sequence. */
interface ReferenceModel {
  double[][] logits(int[] tokens);

  /** The final norm's output [T][D]. */
  double[][] hidden(int[] tokens);
}
