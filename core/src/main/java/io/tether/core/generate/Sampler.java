package io.tether.core.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws one token from a row of probabilities {@code softmax(logits / temperature)}, with top-k
 * and top-p, and gives its log-probability under the distribution it was drawn from: the whole
 * row, or with truncation the kept tokens' probabilities renormalised to sum to 1.
 *
 * <p>The softmax is the model engine's (vectorised; done here in Java it was a quarter of a decode
 * step with a 50k vocabulary); this class only draws, by inverse CDF with the sequence's own
 * random stream. Allocation free after construction.
 */
public final class Sampler {
  private final SamplingParams params;
  private final int vocab;
  private final float[] kept;
  private final long[] ranked;

  public Sampler(SamplingParams params, int vocabSize) {
    this.params = params;
    this.vocab = vocabSize;
    boolean truncates = params.topK() > 0 || params.topP() < 1.0;
    this.kept = truncates ? new float[vocabSize] : null;
    this.ranked = truncates ? new long[vocabSize] : null;
  }

  /** A sampled token and its log-probability. */
  public record Draw(int token, double logprob) {}

  /**
   * Samples from {@code probs[offset .. offset + V)}.
   *
   * @param probs rows of temperature-scaled softmax probabilities
   * @param random the sequence's own stream, so that a sequence's tokens do not depend on the
   *     other sequences of its batch
   */
  public Draw sample(float[] probs, int offset, SplittableRandom random) {
    if (kept == null) {
      int token = draw(probs, offset, random);
      return new Draw(token, Math.log(probs[offset + token]));
    }
    System.arraycopy(probs, offset, kept, 0, vocab);
    truncate();
    int token = draw(kept, 0, random);
    double keptMass = 0;
    for (float p : kept) {
      keptMass += p;
    }
    return new Draw(token, Math.log(kept[token] / keptMass));
  }

  /** Inverse CDF over {@code p[offset .. offset + V)}, which need not sum to 1. */
  private int draw(float[] p, int offset, SplittableRandom random) {
    double total = 0;
    for (int i = 0; i < vocab; i++) {
      total += p[offset + i];
    }
    double u = random.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < vocab; i++) {
      float pi = p[offset + i];
      if (pi > 0) {
        last = i;
        u -= pi;
        if (u < 0) {
          return i;
        }
      }
    }
    return last;
  }

  /** Zeroes {@code kept} outside the top-k / top-p set (most likely first, ties by lower id). */
  private void truncate() {
    for (int i = 0; i < vocab; i++) {
      // non-negative floats order as their bits; the low half breaks ties towards lower ids
      ranked[i] = ((long) Float.floatToIntBits(kept[i]) << 32) | (vocab - 1 - i);
    }
    Arrays.sort(ranked);
    double total = 0;
    for (float p : kept) {
      total += p;
    }
    int keep = params.topK() > 0 ? Math.min(params.topK(), vocab) : vocab;
    double mass = 0;
    for (int rank = 0; rank < vocab; rank++) {
      int i = vocab - 1 - (int) (ranked[vocab - 1 - rank] & 0xffffffffL);
      if (rank >= keep) {
        kept[i] = 0;
        continue;
      }
      mass += kept[i];
      if (mass >= params.topP() * total) {
        keep = rank + 1;
      }
    }
  }
}
