package io.tether.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Prompt + response sequences, right-padded, with the response mask derived in one place.
 *
 * <p>Logits at column c predict the token at column c + 1, so the per-token arrays of a batch have
 * T - 1 columns ("shifted" space). Response token i of row r sits at column {@code p_r + i}
 * ({@code p_r} the prompt length) and is predicted at shifted column {@code p_r - 1 + i}; the value
 * V(s_i) of the state before it is read at the same column.
 *
 * @param tokens the right-padded (B, T) sequences
 * @param promptLengths p_r, at least 1 (BOS)
 * @param responseLengths a_r, possibly 0
 */
public record ResponseBatch(TokenBatch tokens, int[] promptLengths, int[] responseLengths) {

  /** Builds the batch; {@code prompts.get(r)} followed by {@code responses.get(r)} is row r. */
  public static ResponseBatch of(List<int[]> prompts, List<int[]> responses, int pad) {
    if (prompts.size() != responses.size()) {
      throw new IllegalArgumentException(
          prompts.size() + " prompts but " + responses.size() + " responses");
    }
    List<int[]> seqs = new ArrayList<>();
    int[] pl = new int[prompts.size()];
    int[] rl = new int[prompts.size()];
    for (int r = 0; r < prompts.size(); r++) {
      int[] p = prompts.get(r);
      int[] a = responses.get(r);
      if (p.length < 1) {
        throw new IllegalArgumentException("prompt " + r + " is empty (it needs at least BOS)");
      }
      int[] s = new int[p.length + a.length];
      System.arraycopy(p, 0, s, 0, p.length);
      System.arraycopy(a, 0, s, p.length, a.length);
      seqs.add(s);
      pl[r] = p.length;
      rl[r] = a.length;
    }
    return new ResponseBatch(TokenBatch.rightPadded(seqs, pad), pl, rl);
  }

  public int batchSize() {
    return tokens.batchSize();
  }

  /**
   * (B * width) response-space mask, the one the learner uses: 1 at {@code r * width + i} for
   * response token i of row r, 0 past the row's response. Every response-space array of a batch
   * ({@link #responseColumns}, {@link #responseTargets}, log-probs, values, advantages) is zero or
   * meaningless exactly where this is 0.
   */
  public float[] responseMask(int width) {
    float[] mask = new float[batchSize() * width];
    for (int r = 0; r < batchSize(); r++) {
      java.util.Arrays.fill(mask, r * width, r * width + Math.min(responseLengths[r], width), 1f);
    }
    return mask;
  }

  /** (B * width) 1 at each row's last response token (where the sequence score goes), else 0. */
  public float[] lastResponseToken(int width) {
    float[] last = new float[batchSize() * width];
    for (int r = 0; r < batchSize(); r++) {
      if (responseLengths[r] > 0 && responseLengths[r] <= width) {
        last[r * width + responseLengths[r] - 1] = 1f;
      }
    }
    return last;
  }

  /** The longest response. */
  public int maxResponseLength() {
    int most = 0;
    for (int a : responseLengths) {
      most = Math.max(most, a);
    }
    return most;
  }

  /**
   * (B * width) int64: the shifted column predicting response token i of row r at {@code r *
   * width + i}, 0 past the row's response (those entries are to be masked).
   */
  public long[] responseColumns(int width) {
    long[] out = new long[batchSize() * width];
    for (int r = 0; r < batchSize(); r++) {
      for (int i = 0; i < responseLengths[r]; i++) {
        out[r * width + i] = shiftedColumn(r, i);
      }
    }
    return out;
  }

  /** (B * width) int64: response token i of row r at {@code r * width + i}, 0 past the end. */
  public long[] responseTargets(int width) {
    long[] out = new long[batchSize() * width];
    int t = tokens.length();
    for (int r = 0; r < batchSize(); r++) {
      for (int i = 0; i < responseLengths[r]; i++) {
        out[r * width + i] = tokens.tokens()[r * t + promptLengths[r] + i];
      }
    }
    return out;
  }

  /** Shifted column of response token {@code i} of row {@code r}. */
  public int shiftedColumn(int r, int i) {
    return promptLengths[r] - 1 + i;
  }

  /** Column (in T space) of the last real token of row r: where a sequence score is read. */
  public int lastTokenColumn(int r) {
    return promptLengths[r] + responseLengths[r] - 1;
  }
}
