package io.tether.core.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.testing.ReferenceMath;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final float[] LOGITS = {2.0f, 1.0f, 0.5f, 0.0f, -1.0f};

  /** softmax(logits / temperature) as the engine hands it to the sampler. */
  private static float[] probs(float[] logits, double temperature) {
    float[] p = new float[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) Math.exp(ReferenceMath.logSoftmax(logits, temperature, i));
    }
    return p;
  }

  private static int[] histogram(SamplingParams p, int draws) {
    Sampler s = new Sampler(p, LOGITS.length);
    SplittableRandom r = new SplittableRandom(11);
    int[] counts = new int[LOGITS.length];
    float[] probs = probs(LOGITS, p.temperature());
    for (int i = 0; i < draws; i++) {
      counts[s.sample(probs, 0, r).token()]++;
    }
    return counts;
  }

  @Test
  void frequenciesFollowTheTemperatureScaledDistribution() {
    int n = 40_000;
    int[] counts = histogram(new SamplingParams(0.7, 0, 1.0, 1, true), n);
    for (int i = 0; i < LOGITS.length; i++) {
      double expected = Math.exp(ReferenceMath.logSoftmax(LOGITS, 0.7, i));
      assertEquals(expected, counts[i] / (double) n, 0.01, "token " + i);
    }
  }

  @Test
  void topKDrawsOnlyTheKMostLikelyAndRecordsTheLogprobOfTheTruncatedDistribution() {
    Sampler s = new Sampler(new SamplingParams(1.0, 2, 1.0, 1, true), LOGITS.length);
    SplittableRandom r = new SplittableRandom(3);
    int[] counts = new int[LOGITS.length];
    float[] probs = probs(LOGITS, 1.0);
    // the two kept tokens renormalised, in double from the logits
    double z = Math.exp(2) + Math.exp(1);
    double[] truncated = {Math.exp(2) / z, Math.exp(1) / z};
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      Sampler.Draw d = s.sample(probs, 0, r);
      counts[d.token()]++;
      assertTrue(d.token() < 2, "token " + d.token() + " is outside the top 2");
      assertEquals(Math.log(truncated[d.token()]), d.logprob(), 1e-6);
    }
    // the recorded probabilities are those the draws follow (Monte Carlo, 4 standard errors)
    double se = Math.sqrt(truncated[0] * truncated[1] / n);
    assertEquals(truncated[0], counts[0] / (double) n, 4 * se);
  }

  @Test
  void topPRecordsTheLogprobRenormalisedOverTheNucleus() {
    // p = 0.6 keeps tokens 0 and 1 of softmax(LOGITS) (0.52 + 0.19)
    Sampler s = new Sampler(new SamplingParams(1.0, 0, 0.6, 1, true), LOGITS.length);
    SplittableRandom r = new SplittableRandom(5);
    float[] probs = probs(LOGITS, 1.0);
    double z = Math.exp(2) + Math.exp(1);
    for (int i = 0; i < 200; i++) {
      Sampler.Draw d = s.sample(probs, 0, r);
      assertEquals(Math.log(Math.exp(LOGITS[d.token()]) / z), d.logprob(), 1e-6);
    }
  }

  @Test
  void withoutTruncationTheRecordedLogprobIsTheFullOne() {
    Sampler s = new Sampler(new SamplingParams(0.7, 0, 1.0, 1, true), LOGITS.length);
    SplittableRandom r = new SplittableRandom(9);
    float[] probs = probs(LOGITS, 0.7);
    for (int i = 0; i < 200; i++) {
      Sampler.Draw d = s.sample(probs, 0, r);
      assertEquals(ReferenceMath.logSoftmax(LOGITS, 0.7, d.token()), d.logprob(), 1e-6);
    }
  }

  @Test
  void topPKeepsTheSmallestSetReachingP() {
    // softmax of LOGITS: 0.52, 0.19, 0.12, 0.07, 0.03 (approx.): p = 0.6 keeps tokens 0 and 1
    int[] counts = histogram(new SamplingParams(1.0, 0, 0.6, 1, true), 5000);
    assertTrue(counts[0] > 0 && counts[1] > 0);
    assertEquals(0, counts[2] + counts[3] + counts[4]);
    int[] top = histogram(new SamplingParams(1.0, 0, 0.5, 1, true), 2000);
    assertEquals(2000, top[0], "p below the top token's mass keeps only it");
  }

  @Test
  void sameSeedSameDraws() {
    Sampler s = new Sampler(SamplingParams.plain(1), LOGITS.length);
    SplittableRandom a = new SplittableRandom(99);
    SplittableRandom b = new SplittableRandom(99);
    float[] probs = probs(LOGITS, 1.0);
    for (int i = 0; i < 100; i++) {
      assertEquals(s.sample(probs, 0, a).token(), s.sample(probs, 0, b).token());
    }
  }

  @Test
  void readsTheRowAtTheOffset() {
    float[] twoRows = new float[10];
    System.arraycopy(probs(new float[] {0, 0, 0, 0, 0}, 1), 0, twoRows, 0, 5);
    System.arraycopy(probs(new float[] {-50, -50, 50, -50, -50}, 1), 0, twoRows, 5, 5);
    Sampler s = new Sampler(SamplingParams.plain(1), 5);
    assertEquals(2, s.sample(twoRows, 5, new SplittableRandom(1)).token());
    Sampler k = new Sampler(new SamplingParams(1.0, 1, 1.0, 1, true), 5);
    assertEquals(2, k.sample(twoRows, 5, new SplittableRandom(1)).token());
  }

  @Test
  void topKBreaksTiesTowardsTheLowerId() {
    float[] flat = probs(new float[] {0, 0, 0, 0, 0}, 1);
    Sampler s = new Sampler(new SamplingParams(1.0, 2, 1.0, 1, true), flat.length);
    SplittableRandom r = new SplittableRandom(5);
    int[] counts = new int[flat.length];
    for (int i = 0; i < 2000; i++) {
      counts[s.sample(flat, 0, r).token()]++;
    }
    assertEquals(2000, counts[0] + counts[1], "equal probabilities: ids 0 and 1 are the top 2");
    assertTrue(counts[0] > 800 && counts[1] > 800);
  }
}
