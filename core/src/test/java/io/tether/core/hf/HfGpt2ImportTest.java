package io.tether.core.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.tether.core.djl.GradMode;
import io.tether.core.model.CachedDecoder;
import io.tether.core.model.GptModel;
import io.tether.core.model.MlpActivation;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.TokenBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPT-2 directory written by the test loads into Tether's decoder and computes what GPT-2
 * computes: the full pass and the KV-cached decoder against a double-precision reference, over
 * ragged left-padded prompts, for float32 and bfloat16 files, single and sharded.
 */
class HfGpt2ImportTest {
  private static final int[][] PROMPTS = {{21, 3, 9, 14, 0}, {21, 7}, {21, 1, 2, 3, 4, 5, 6}};
  private static final int PAD = 22;
  private static final double TOL = 1e-4;

  @TempDir Path tmp;

  @Test
  void float32WithPrefixBuffersAndStoredHeadMatchesTheReference() throws Exception {
    TinyGpt2 gpt = new TinyGpt2(1, false);
    Path dir = gpt.write(tmp.resolve("m"), new TinyGpt2.Options("transformer.", false, false,
        true));
    try (HfModel m = load(dir)) {
      assertEquals(MlpActivation.GELU_TANH, m.model().spec().activation());
      assertEquals("transformer.", m.source().prefix());
      assertTrue(m.source().storesLmHead());
      assertEquals(SafeTensorsDtype.F32, m.source().dtype());
      checkFullPass(m.model(), reference(gpt));
      checkCachedDecoder(m.model(), reference(gpt));
    }
  }

  @Test
  void bfloat16ShardsWithoutPrefixMatchTheReference() throws Exception {
    TinyGpt2 gpt = new TinyGpt2(2, true);
    Path dir = gpt.write(tmp.resolve("m"), new TinyGpt2.Options("", true, true, false));
    try (HfModel m = load(dir)) {
      assertEquals("", m.source().prefix());
      assertEquals(SafeTensorsDtype.BF16, m.source().dtype());
      checkFullPass(m.model(), reference(gpt));
      checkCachedDecoder(m.model(), reference(gpt));
    }
  }

  static HfModel load(Path dir) {
    return HfModel.load(new org.apache.hadoop.fs.Path(dir.toUri()), new Configuration());
  }

  static Gpt2Reference reference(TinyGpt2 gpt) {
    return new Gpt2Reference(gpt.tensors, TinyGpt2.D, TinyGpt2.HEADS, TinyGpt2.LAYERS,
        TinyGpt2.VOCAB, TinyGpt2.EPS, true);
  }

  /** Every real position's logits of a left-padded batch equal the reference's. */
  static void checkFullPass(GptModel model, ReferenceModel ref) {
    List<int[]> seqs = List.of(PROMPTS);
    TokenBatch batch = TokenBatch.leftPadded(seqs, PAD);
    try (GradMode g = GradMode.off();
        NDManager m = model.manager().newSubManager()) {
      NDArray logits = model.logits(model.hidden(ModelInputs.of(m, batch, model.dtype())));
      float[] got = logits.toFloatArray();
      int t = batch.length();
      int v = model.spec().vocabSize();
      double worst = 0;
      for (int r = 0; r < seqs.size(); r++) {
        double[][] want = ref.logits(seqs.get(r));
        int pad = t - seqs.get(r).length;
        for (int i = 0; i < want.length; i++) {
          for (int k = 0; k < v; k++) {
            worst = Math.max(worst, Math.abs(want[i][k] - got[(r * t + pad + i) * v + k]));
          }
        }
      }
      assertTrue(worst < TOL, "largest logit difference " + worst);
    }
  }

  /** Prefill of the ragged prompts, then two decode steps: each step's log-probabilities. */
  static void checkCachedDecoder(GptModel model, ReferenceModel ref) {
    List<int[]> seqs = new ArrayList<>();
    for (int[] p : PROMPTS) {
      seqs.add(p.clone());
    }
    TokenBatch first = TokenBatch.leftPadded(seqs, PAD);
    int b = seqs.size();
    double worst = 0;
    try (GradMode g = GradMode.off();
        CachedDecoder dec = new CachedDecoder(model, b, first.length() + 2);
        NDManager m = model.manager().newSubManager()) {
      float[] probs = dec.lastProbs(ModelInputs.of(m, first, model.dtype()), 1.0);
      boolean[] valid = first.valid().clone();
      for (int step = 0; step < 3; step++) {
        for (int r = 0; r < b; r++) {
          double[] want = softmax(last(ref.logits(seqs.get(r))));
          for (int k = 0; k < want.length; k++) {
            worst = Math.max(worst,
                Math.abs(Math.log(want[k]) - Math.log(probs[r * want.length + k])));
          }
        }
        if (step == 2) {
          break;
        }
        long[] next = new long[b];
        long[] pos = new long[b];
        for (int r = 0; r < b; r++) {
          next[r] = (step * 5 + r * 3) % 21;
          pos[r] = seqs.get(r).length;
          int[] s = java.util.Arrays.copyOf(seqs.get(r), seqs.get(r).length + 1);
          s[s.length - 1] = (int) next[r];
          seqs.set(r, s);
        }
        valid = appendValid(valid, b);
        int tk = valid.length / b;
        probs = dec.lastProbs(ModelInputs.of(m, next, pos,
            io.tether.core.model.AttentionMask.bias(valid, b, 1, tk), b, 1, tk,
            model.dtype()), 1.0);
      }
    }
    assertTrue(worst < TOL, "largest log-probability difference " + worst);
  }

  private static boolean[] appendValid(boolean[] valid, int b) {
    int t = valid.length / b;
    boolean[] out = new boolean[b * (t + 1)];
    for (int r = 0; r < b; r++) {
      System.arraycopy(valid, r * t, out, r * (t + 1), t);
      out[r * (t + 1) + t] = true;
    }
    return out;
  }

  private static double[] last(double[][] logits) {
    return logits[logits.length - 1];
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
