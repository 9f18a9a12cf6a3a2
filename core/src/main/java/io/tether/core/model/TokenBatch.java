package io.tether.core.model;

import java.util.List;

/**
 * A padded batch of token sequences with explicit validity flags, laid out row-major (B, T).
 *
 * <p>Positions count real tokens only, so a sequence gets the same positions (and therefore the
 * same logits) whether it is left-padded for generation or right-padded for training.
 *
 * @param batchSize B
 * @param length T
 * @param tokens (B * T) token ids, PAD where not valid
 * @param valid (B * T) true where the token is real
 */
public record TokenBatch(int batchSize, int length, long[] tokens, boolean[] valid) {

  public TokenBatch {
    if (tokens.length != (long) batchSize * length || valid.length != tokens.length) {
      throw new IllegalArgumentException(
          "tokens/valid must hold " + batchSize + " x " + length + " entries");
    }
  }

  /** Sequences aligned to the right (pads first): every row's last column is real. */
  public static TokenBatch leftPadded(List<int[]> sequences, int pad) {
    return padded(sequences, pad, true);
  }

  /** Sequences aligned to the left (pads last). */
  public static TokenBatch rightPadded(List<int[]> sequences, int pad) {
    return padded(sequences, pad, false);
  }

  private static TokenBatch padded(List<int[]> sequences, int pad, boolean left) {
    int b = sequences.size();
    int t = 0;
    for (int[] s : sequences) {
      t = Math.max(t, s.length);
    }
    long[] tokens = new long[b * t];
    boolean[] valid = new boolean[b * t];
    for (int row = 0; row < b; row++) {
      int[] s = sequences.get(row);
      int start = left ? t - s.length : 0;
      for (int c = 0; c < t; c++) {
        int i = c - start;
        boolean real = i >= 0 && i < s.length;
        tokens[row * t + c] = real ? s[i] : pad;
        valid[row * t + c] = real;
      }
    }
    return new TokenBatch(b, t, tokens, valid);
  }

  /** Position ids (B * T): the number of real tokens before each column in its row; 0 on pads. */
  public long[] positions() {
    long[] pos = new long[tokens.length];
    for (int row = 0; row < batchSize; row++) {
      long count = 0;
      for (int c = 0; c < length; c++) {
        int i = row * length + c;
        pos[i] = valid[i] ? count++ : 0;
      }
    }
    return pos;
  }

  /** Number of real tokens in {@code row}. */
  public int realLength(int row) {
    int n = 0;
    for (int c = 0; c < length; c++) {
      n += valid[row * length + c] ? 1 : 0;
    }
    return n;
  }
}
