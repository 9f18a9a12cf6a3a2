package io.tether.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.RewardPooling;
import io.tether.core.config.RewardTrainConfig;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.GradMode;
import io.tether.core.model.GptModel;
import io.tether.core.model.Gradients;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import io.tether.core.tokenizer.ByteTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardTrainerTest {
  private static final ByteTokenizer TOK = new ByteTokenizer();
  @TempDir Path dir;

  /** Separable pairs: the chosen text has more 'x' than the rejected one. */
  private static List<PreferencePair> pairs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<PreferencePair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = r.nextInt(8);
      int b = a + 1 + r.nextInt(6);
      out.add(new PreferencePair(text(r, b), text(r, a)));
    }
    return out;
  }

  private static String text(SplittableRandom r, int xs) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      s.append(i < xs ? 'x' : (char) ('a' + r.nextInt(20)));
    }
    List<Character> chars = new ArrayList<>();
    for (char c : s.toString().toCharArray()) {
      chars.add(c);
    }
    java.util.Collections.shuffle(chars, new java.util.Random(r.nextLong()));
    StringBuilder out = new StringBuilder();
    chars.forEach(out::append);
    return out.toString();
  }

  @Test
  void btTrainingSeparatesSyntheticPairsAndTheModelRoundTrips() {
    ModelSpec spec = ModelSpec.of(ModelPreset.TINY, TOK.vocabSize(), HeadKind.REWARD);
    try (RewardModel rm = new RewardModel(GptModel.create(spec, 3), TOK.pad())) {
      RewardTrainer trainer = new RewardTrainer(rm, TOK);
      List<PreferencePair> heldout = pairs(200, 2);
      double before = trainer.evaluate(heldout, 64).accuracy();
      RewardTrainer.Result r = trainer.train(pairs(2000, 1), heldout,
          new RewardTrainConfig(250, 16, 1e-3, 2000, 1.0, RewardPooling.LAST, 1.0, 4, 0), 4,
          s -> { }, Ticker.SYSTEM);
      System.out.printf("BT: loss %.3f -> %.3f, held-out accuracy %.3f -> %.3f, margin %.2f%n",
          r.firstLoss(), r.lastLoss(), before, r.heldout().accuracy(), r.heldout().meanMargin());
      assertTrue(r.heldout().accuracy() > 0.9, r.toString());
      assertTrue(r.heldout().meanMargin() > 0);
      assertTrue(r.lastLoss() < r.firstLoss());
      // the margins behind the accuracy, scored one pair at a time: the same figures
      for (int i = 0; i < 5; i++) {
        PreferencePair p = heldout.get(i);
        float[] one = rm.rawScores(List.of(trainer.tokens(p.chosen()),
            trainer.tokens(p.rejected())), 2);
        assertEquals(one[0] - one[1], r.heldoutMargins()[i], 1e-4);
      }
      assertEquals(heldout.size(), r.heldoutMargins().length);

      List<int[]> probe = List.of(trainer.tokens("xxxxabc"), trainer.tokens("abcdefg"));
      rm.normalizeTo(rm.rawScores(probe, 8));
      float[] norm = rm.scores(probe, 8);
      assertEquals(0.0, norm[0] + norm[1], 1e-4);
      assertEquals(1.0, Math.abs(norm[0]), 1e-4);
      CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString());
      try (CheckpointWriter w = store.begin(Role.REWARD, 0)) {
        rm.write(w);
        w.commit();
      }
      try (RewardModel back = RewardModel.read(store.openLatest(Role.REWARD), TOK.pad())) {
        assertArrayEquals(norm, back.scores(probe, 8), 1e-6f);
      }
    }
  }

  @Test
  void btGradientSurvivesGcAndMatchesFiniteDifferences() {
    ModelSpec spec = new ModelSpec(TOK.vocabSize(), 1, 2, 16, 32, HeadKind.REWARD);
    try (GptModel m = GptModel.create(spec, 5, DataType.FLOAT64, null)) {
      List<int[]> seqs = List.of(new int[] {256, 1, 2, 3}, new int[] {256, 7},
          new int[] {256, 9, 9}, new int[] {256, 4, 5, 6, 7});
      m.parameters().setRequiresGradient(true);
      Gradients.zero(m.parameters());
      try (NDManager nd = m.manager().newSubManager();
          GradientCollector c = DjlRuntime.engine().newGradientCollector()) {
        NDArray l = loss(nd, m, seqs);
        for (int i = 0; i < 3; i++) {
          System.gc();
        }
        c.backward(l);
      }
      for (String name : List.of("head.weight", "layers.0.mlp.fc.weight", "wte")) {
        NDArray w = m.parameters().get(name);
        double[] grad = w.getGradient().toDoubleArray();
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 4; k++) {
          int i = name.equals("wte") ? 256 * 16 + r.nextInt(16) : r.nextInt(grad.length);
          double numeric = numeric(m, w, i, seqs);
          assertEquals(numeric, grad[i], 1e-7 + 1e-5 * Math.abs(numeric), name + "[" + i + "]");
        }
      }
    }
  }

  private static NDArray loss(NDManager nd, GptModel m, List<int[]> seqs) {
    NDArray s = SequenceScores.of(nd, m, seqs, TOK.pad());
    return BradleyTerry.loss(s.get("0:2"), s.get("2:4"));
  }

  private static double numeric(GptModel m, NDArray w, int i, List<int[]> seqs) {
    try (GradMode g = GradMode.off();
        NDArray flat = w.reshape(-1)) {
      double x = flat.getDouble(i);
      flat.set(new NDIndex(i), x + 1e-6);
      double plus = value(m, seqs);
      flat.set(new NDIndex(i), x - 1e-6);
      double minus = value(m, seqs);
      flat.set(new NDIndex(i), x);
      return (plus - minus) / 2e-6;
    }
  }

  private static double value(GptModel m, List<int[]> seqs) {
    try (NDManager nd = m.manager().newSubManager()) {
      return loss(nd, m, seqs).getDouble();
    }
  }

  @Test
  void evalCountsOnlyPositiveMarginsAsRightAndAveragesTheMargins() {
    RewardTrainer.Eval e = RewardTrainer.eval(new double[] {1.0, -2.0, 0.5, 0.0});
    assertEquals(4, e.pairs());
    assertEquals(0.5, e.accuracy(), 0.0); // a tie (0.0) is not a right ordering
    assertEquals(-0.125, e.meanMargin(), 1e-12);
    assertTrue(Double.isNaN(RewardTrainer.eval(new double[0]).accuracy()));
  }

  @Test
  void embeddingLrScaleMultipliesOnlyTheEmbeddingsStep() {
    ModelSpec spec = ModelSpec.of(ModelPreset.TINY, TOK.vocabSize(), HeadKind.REWARD_SUM);
    Map<String, float[]> init = values(spec, 0);
    Map<String, float[]> plain = values(spec, 1.0);
    Map<String, float[]> scaled = values(spec, 10.0);
    int moved = 0;
    for (String name : init.keySet()) {
      float[] w0 = init.get(name);
      double largest = 0;
      for (int i = 0; i < w0.length; i++) {
        double d1 = plain.get(name)[i] - w0[i];
        double d10 = scaled.get(name)[i] - w0[i];
        // Adam's first step is lr * g / (|g| + eps): linear in the learning rate
        double expected = name.equals(RewardTrainer.EMBEDDING) ? 10 * d1 : d1;
        assertEquals(expected, d10, 2e-6, name + "[" + i + "]");
        largest = Math.max(largest, Math.abs(d1));
      }
      moved += largest > 1e-4 ? 1 : 0;
      if (name.equals(RewardTrainer.EMBEDDING)) {
        assertTrue(largest > 1e-4, name + " did not move: " + largest);
      }
    }
    // biases whose gradient cancels between equal-length texts stay (ln_f.beta, head.bias)
    assertTrue(moved > init.size() - 3, moved + " of " + init.size() + " parameters moved");
  }

  /** Each parameter's values after one training step at the given scale (0: no step). */
  private static Map<String, float[]> values(ModelSpec spec, double scale) {
    try (RewardModel rm = new RewardModel(GptModel.create(spec, 5), TOK.pad())) {
      if (scale > 0) {
        new RewardTrainer(rm, TOK).train(pairs(64, 6), pairs(4, 7),
            new RewardTrainConfig(1, 16, 1e-3, 64, 1.0, RewardPooling.SUM, scale, 4, 0), 8, s -> { },
            Ticker.SYSTEM);
      }
      Map<String, float[]> out = new LinkedHashMap<>();
      rm.model().parameters().asMap().forEach((n, a) -> out.put(n, a.toFloatArray()));
      return out;
    }
  }
}
