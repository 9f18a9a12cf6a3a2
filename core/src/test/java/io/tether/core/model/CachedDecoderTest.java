package io.tether.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.tether.core.djl.GradMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scripted pass over a KV cache gives, at every step, the distribution of a full forward pass
 * of {@link GptModel} over the whole sequence so far.
 */
class CachedDecoderTest {
  private static final int[][] PROMPTS = {{256, 72, 105, 33, 10}, {256, 65}};
  private static final long[][] NEXT = {{70, 71}, {3, 250}, {99, 98}};

  @Test
  void everyPassMatchesAFullForwardOfTheSequenceSoFar() {
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 11)) {
      checkAgainstFullPasses(m, 1.0);
    }
  }

  @Test
  void temperatureDividesTheLogits() {
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 12)) {
      checkAgainstFullPasses(m, 0.5);
    }
  }

  @Test
  void float64ModelsRunTooAndReturnFloat32Probabilities() {
    try (GptModel m = TinyModels.micro(HeadKind.LM, 4)) {
      checkAgainstFullPasses(m, 1.0);
    }
  }

  @Test
  void aPassBeyondTheCapacityIsRefusedAndNamesTheSizes() {
    try (GradMode g = GradMode.off();
        GptModel m = GptModel.create(TinyModels.tinyLm(), 1);
        CachedDecoder d = new CachedDecoder(m, 1, 3);
        NDManager nd = m.manager().newSubManager()) {
      d.lastProbs(ModelInputs.of(nd, new long[] {256, 1}, new long[] {0, 1}, new float[4], 1, 2,
          2, m.dtype()), 1.0);
      d.lastProbs(ModelInputs.of(nd, new long[] {2}, new long[] {2}, new float[3], 1, 1, 3,
          m.dtype()), 1.0);
      assertEquals(3, d.length());
      IllegalStateException full = assertThrows(IllegalStateException.class,
          () -> d.lastProbs(ModelInputs.of(nd, new long[] {3}, new long[] {3}, new float[4], 1,
              1, 4, m.dtype()), 1.0));
      assertTrue(full.getMessage().contains("holds 3 columns; 3 are used"), full.getMessage());
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> d.lastProbs(ModelInputs.of(nd, new long[] {3}, new long[] {3}, new float[2], 1,
              1, 2, m.dtype()), 1.0));
      assertTrue(shape.getMessage().contains("bias over 4 key columns"), shape.getMessage());
    }
  }

  @Test
  void onlyLanguageModelsCanBeDecoded() {
    try (GptModel rm = GptModel.create(TinyModels.tinyLm().withHead(HeadKind.REWARD), 1)) {
      assertThrows(IllegalArgumentException.class, () -> new CachedDecoder(rm, 2, 8));
    }
  }

  /** Prefill of left-padded ragged prompts, then one column per row per step. */
  private static void checkAgainstFullPasses(GptModel m, double temperature) {
    List<int[]> seqs = new ArrayList<>();
    for (int[] p : PROMPTS) {
      seqs.add(p.clone());
    }
    TokenBatch first = TokenBatch.leftPadded(seqs, TinyModels.PAD);
    int b = PROMPTS.length;
    try (GradMode g = GradMode.off();
        CachedDecoder d = new CachedDecoder(m, b, first.length() + NEXT.length)) {
      boolean[] valid = first.valid();
      float[] probs;
      try (NDManager nd = m.manager().newSubManager()) {
        probs = d.lastProbs(ModelInputs.of(nd, first, m.dtype()), temperature);
      }
      assertMatchesFullPasses(m, seqs, probs, temperature);
      for (long[] next : NEXT) {
        int tk = valid.length / b + 1;
        valid = withValidColumn(valid, b);
        long[] positions = new long[b];
        for (int r = 0; r < b; r++) {
          positions[r] = seqs.get(r).length;
          seqs.set(r, append(seqs.get(r), (int) next[r]));
        }
        try (NDManager nd = m.manager().newSubManager()) {
          probs = d.lastProbs(ModelInputs.of(nd, next, positions,
              AttentionMask.bias(valid, b, 1, tk), b, 1, tk, m.dtype()), temperature);
        }
        assertMatchesFullPasses(m, seqs, probs, temperature);
      }
      assertEquals(first.length() + NEXT.length, d.length());
    }
  }

  private static void assertMatchesFullPasses(GptModel m, List<int[]> seqs, float[] probs,
      double temperature) {
    int v = m.spec().vocabSize();
    assertEquals(seqs.size() * v, probs.length);
    for (int r = 0; r < seqs.size(); r++) {
      int[] s = seqs.get(r);
      float[] logits = GptModelTest.lastLogits(m,
          TokenBatch.rightPadded(List.of(s), TinyModels.PAD), 0, s.length - 1);
      double[] expected = logSoftmax(logits, 1.0 / temperature);
      for (int i = 0; i < v; i++) {
        assertEquals(expected[i], Math.log(probs[r * v + i]), 1e-4,
            "row " + r + " after " + s.length + " tokens, token " + i);
      }
    }
  }

  private static double[] logSoftmax(float[] logits, double scale) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l * scale);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l * scale - max);
    }
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = logits[i] * scale - max - Math.log(sum);
    }
    return out;
  }

  private static boolean[] withValidColumn(boolean[] valid, int b) {
    int tk = valid.length / b;
    boolean[] next = new boolean[b * (tk + 1)];
    for (int r = 0; r < b; r++) {
      System.arraycopy(valid, r * tk, next, r * (tk + 1), tk);
      next[r * (tk + 1) + tk] = true;
    }
    return next;
  }

  private static int[] append(int[] s, int token) {
    int[] out = Arrays.copyOf(s, s.length + 1);
    out[s.length] = token;
    return out;
  }
}
