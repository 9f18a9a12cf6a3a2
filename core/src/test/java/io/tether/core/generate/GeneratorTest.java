package io.tether.core.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.tether.core.djl.GradMode;
import io.tether.core.model.GptModel;
import io.tether.core.model.ResponseBatch;
import io.tether.core.model.TinyModels;
import io.tether.core.model.TokenLogprobs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  private static final List<int[]> PROMPTS = List.of(
      new int[] {256, 84, 104, 101},
      new int[] {256, 65},
      new int[] {256, 73, 32, 108, 105, 107, 101, 32},
      new int[] {256});
  private static final long[] SEEDS = {11, 12, 13, 14};

  private static List<int[]> responses(List<Generation> gens) {
    List<int[]> out = new ArrayList<>();
    gens.forEach(g -> out.add(g.tokens()));
    return out;
  }

  @Test
  void cachedLogprobsEqualThoseOfOneFullForwardPass() {
    for (SamplingParams p : List.of(
        new SamplingParams(0.8, 0, 1.0, 24, false),
        new SamplingParams(1.3, 0, 1.0, 24, false))) {
      try (GptModel m = GptModel.create(TinyModels.tinyLm(), 21)) {
        List<Generation> gens = new Generator(m, TinyModels.EOS, TinyModels.PAD)
            .generate(PROMPTS, SEEDS, p, true);
        ResponseBatch rb = ResponseBatch.of(PROMPTS, responses(gens), TinyModels.PAD);
        List<float[]> full = TokenLogprobs.of(m, rb, p.temperature());
        for (int r = 0; r < gens.size(); r++) {
          assertEquals(24, gens.get(r).tokens().length);
          float[] recorded = gens.get(r).logprobs();
          for (int i = 0; i < recorded.length; i++) {
            assertEquals(full.get(r)[i], recorded[i], 1e-4, "row " + r + " token " + i);
          }
        }
      }
    }
  }

  /** The compiled decoder module is shared by the JVM: threads generating at once must not mix. */
  @Test
  void threadsGeneratingAtOnceGetWhatEachGetsAlone() throws Exception {
    SamplingParams p = new SamplingParams(1.0, 0, 1.0, 20, false);
    try (GptModel a = GptModel.create(TinyModels.tinyLm(), 31);
        GptModel b = GptModel.create(TinyModels.tinyLm(), 32)) {
      List<Generation> aloneA = new Generator(a, TinyModels.EOS, TinyModels.PAD)
          .generate(PROMPTS, SEEDS, p, true);
      List<Generation> aloneB = new Generator(b, TinyModels.EOS, TinyModels.PAD)
          .generate(PROMPTS, SEEDS, p, true);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Generation>>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          GptModel m = i % 2 == 0 ? a : b;
          runs.add(pool.submit(() -> new Generator(m, TinyModels.EOS, TinyModels.PAD)
              .generate(PROMPTS, SEEDS, p, true)));
        }
        for (int i = 0; i < runs.size(); i++) {
          List<Generation> got = runs.get(i).get();
          List<Generation> alone = i % 2 == 0 ? aloneA : aloneB;
          for (int r = 0; r < PROMPTS.size(); r++) {
            assertArrayEquals(alone.get(r).tokens(), got.get(r).tokens(), "run " + i + " row " + r);
            assertArrayEquals(alone.get(r).logprobs(), got.get(r).logprobs(), 1e-5f);
          }
        }
        assertNotEquals(Arrays.toString(aloneA.get(0).tokens()),
            Arrays.toString(aloneB.get(0).tokens()), "the two models must differ");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void cacheAndNoCacheGiveTheSameSamples() {
    SamplingParams p = new SamplingParams(1.0, 0, 1.0, 16, false);
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 22)) {
      Generator g = new Generator(m, TinyModels.EOS, TinyModels.PAD);
      List<Generation> cached = g.generate(PROMPTS, SEEDS, p, true);
      List<Generation> plain = g.generate(PROMPTS, SEEDS, p, false);
      for (int r = 0; r < PROMPTS.size(); r++) {
        assertArrayEquals(plain.get(r).tokens(), cached.get(r).tokens(), "row " + r);
        assertArrayEquals(plain.get(r).logprobs(), cached.get(r).logprobs(), 1e-4f);
      }
    }
  }

  @Test
  void aSequenceDependsOnItsSeedNotOnItsBatch() {
    SamplingParams p = new SamplingParams(1.0, 0, 1.0, 16, false);
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 23)) {
      Generator g = new Generator(m, TinyModels.EOS, TinyModels.PAD);
      List<Generation> batch = g.generate(PROMPTS, SEEDS, p, true);
      Generation alone = g.generate(List.of(PROMPTS.get(2)), new long[] {13}, p, true).get(0);
      assertArrayEquals(batch.get(2).tokens(), alone.tokens());
      Generation again = g.generate(List.of(PROMPTS.get(2)), new long[] {13}, p, true).get(0);
      assertEquals(alone, again);
      Generation other = g.generate(List.of(PROMPTS.get(2)), new long[] {14}, p, true).get(0);
      assertFalse(Arrays.equals(alone.tokens(), other.tokens()));
    }
  }

  @Test
  void prefillTimeIsThatOfTheFirstPassOfTheLastCall() {
    SamplingParams p = new SamplingParams(1.0, 0, 1.0, 32, false);
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 25)) {
      Generator g = new Generator(m, TinyModels.EOS, TinyModels.PAD);
      assertTrue(Double.isNaN(g.lastPrefillSeconds()), "no call yet");
      for (boolean cache : new boolean[] {true, false}) {
        long start = System.nanoTime();
        g.generate(PROMPTS, SEEDS, p, cache);
        double whole = (System.nanoTime() - start) / 1e9;
        double prefill = g.lastPrefillSeconds();
        assertTrue(prefill > 0 && prefill < whole, prefill + " s of a " + whole + " s call");
      }
    }
  }

  @Test
  void topKOneIsGreedy() {
    SamplingParams p = new SamplingParams(1.0, 1, 1.0, 8, false);
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 24)) {
      Generation gen = new Generator(m, TinyModels.EOS, TinyModels.PAD)
          .generate(List.of(PROMPTS.get(0)), new long[] {1}, p, true).get(0);
      int[] seq = PROMPTS.get(0).clone();
      for (int tok : gen.tokens()) {
        int[] next = Arrays.copyOf(seq, seq.length + 1);
        float[] logits = io.tether.core.model.GptModelTestAccess.lastLogits(m, seq);
        assertEquals(argMax(logits), tok);
        next[seq.length] = tok;
        seq = next;
      }
    }
  }

  @Test
  void stopsAtEosAsFinishedAndIsCutOtherwise() {
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 25)) {
      favourToken(m, TinyModels.EOS);
      Generator g = new Generator(m, TinyModels.EOS, TinyModels.PAD);
      Generation stop = g.generate(PROMPTS, SEEDS, SamplingParams.plain(10), true).get(0);
      assertTrue(stop.finished());
      assertArrayEquals(new int[] {TinyModels.EOS}, stop.tokens());
      Generation cut = g.generate(PROMPTS, SEEDS, new SamplingParams(1, 0, 1, 10, false), true)
          .get(0);
      assertFalse(cut.finished());
      assertEquals(10, cut.tokens().length);
    }
  }

  @Test
  void anyOfSeveralStopTokensFinishesARow() {
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 25)) {
      favourToken(m, 97);
      SamplingParams p = SamplingParams.plain(10);
      Generation other = new Generator(m, new int[] {TinyModels.EOS, 97}, TinyModels.PAD,
          io.tether.core.time.Ticker.SYSTEM).generate(PROMPTS, SEEDS, p, true).get(0);
      assertTrue(other.finished());
      assertArrayEquals(new int[] {97}, other.tokens());
      Generation eosOnly = new Generator(m, TinyModels.EOS, TinyModels.PAD)
          .generate(PROMPTS, SEEDS, p, true).get(0);
      assertFalse(eosOnly.finished());
      assertEquals(10, eosOnly.tokens().length);
    }
  }

  @Test
  void theContextLimitCutsAResponse() {
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 26)) {
      int ctx = m.spec().contextLength();
      int[] longPrompt = new int[ctx - 3];
      Arrays.fill(longPrompt, 97);
      List<Generation> gens = new Generator(m, TinyModels.EOS, TinyModels.PAD).generate(
          List.of(longPrompt, PROMPTS.get(1)), new long[] {1, 2},
          new SamplingParams(1, 0, 1, 10, false), true);
      assertEquals(3, gens.get(0).tokens().length);
      assertFalse(gens.get(0).finished());
      assertEquals(10, gens.get(1).tokens().length);
    }
  }

  /** Makes the model put almost all mass on {@code token} (via the final LayerNorm bias). */
  private static void favourToken(GptModel m, int token) {
    try (GradMode g = GradMode.off()) {
      NDArray row = m.parameters().get("wte").get(token);
      NDArray beta = m.parameters().get("ln_f.beta");
      beta.addi(row.mul(5000f));
    }
  }

  private static int argMax(float[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > a[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void differentPromptsGiveDifferentFirstLogprobs() {
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 27)) {
      List<Generation> gens = new Generator(m, TinyModels.EOS, TinyModels.PAD)
          .generate(PROMPTS, new long[] {5, 5, 5, 5}, SamplingParams.plain(2), true);
      assertNotEquals(gens.get(0).logprobs()[0], gens.get(1).logprobs()[0]);
    }
  }
}
