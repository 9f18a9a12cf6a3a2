package io.tether.core.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws one token from a row of logits with temperature, top-k and top-p, and gives its
 * log-probability under the untruncated temperature-scaled distribution. Pure Java, allocation
 * free after construction apart from the sort buffer used by top-k/top-p.
 */
public final class Sampler {
  private final SamplingParams params;
  private final double[] scaled;
  private final double[] probs;
  private final Integer[] order;

  public Sampler(SamplingParams params, int vocabSize) {
    this.params = params;
    this.scaled = new double[vocabSize];
    this.probs = new double[vocabSize];
    this.order = needsSort(params) ? new Integer[vocabSize] : null;
  }

  /** A sampled token and its log-probability. */
  public record Draw(int token, double logprob) {}

  /**
   * Samples from {@code logits[offset .. offset + V)}.
   *
   * @param random the sequence's own stream, so that a sequence's tokens do not depend on the
   *     other sequences of its batch
   */
  public Draw sample(float[] logits, int offset, SplittableRandom random) {
    int v = scaled.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v; i++) {
      scaled[i] = logits[offset + i] / params.temperature();
      max = Math.max(max, scaled[i]);
    }
    double sum = 0;
    for (int i = 0; i < v; i++) {
      probs[i] = Math.exp(scaled[i] - max);
      sum += probs[i];
    }
    double logZ = max + Math.log(sum);
    if (order != null) {
      truncate();
    }
    int token = draw(random);
    return new Draw(token, scaled[token] - logZ);
  }

  /** Zeroes the probabilities outside the top-k / top-p set (probs need not be normalised). */
  private void truncate() {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
    double total = 0;
    for (double p : probs) {
      total += p;
    }
    int keep = params.topK() > 0 ? Math.min(params.topK(), order.length) : order.length;
    double mass = 0;
    for (int rank = 0; rank < order.length; rank++) {
      int i = order[rank];
      if (rank >= keep) {
        probs[i] = 0;
        continue;
      }
      mass += probs[i];
      if (mass >= params.topP() * total) {
        keep = rank + 1;
      }
    }
  }

  private int draw(SplittableRandom random) {
    double total = 0;
    for (double p : probs) {
      total += p;
    }
    double u = random.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < probs.length; i++) {
      if (probs[i] > 0) {
        last = i;
        u -= probs[i];
        if (u < 0) {
          return i;
        }
      }
    }
    return last;
  }

  private static boolean needsSort(SamplingParams p) {
    return p.topK() > 0 || p.topP() < 1.0;
  }
}
