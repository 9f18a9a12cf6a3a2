package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Seeded random stage records, with special floats and empty responses mixed in. */
final class RandomRows {
  /** Floats whose bits must survive a round trip, including a NaN with a payload. */
  static final float[] SPECIAL_FLOATS = {
    Float.NaN,
    Float.intBitsToFloat(0x7fc12345),
    Float.intBitsToFloat(0xffc00001),
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    -0.0f,
    Float.MIN_VALUE,
    Float.MAX_VALUE,
  };

  private final Random random;

  RandomRows(long seed) {
    random = new Random(seed);
  }

  Prompt prompt() {
    return new Prompt(random.nextLong(), tokens(random.nextInt(20)));
  }

  /** A rollout whose response is empty one time in five. */
  Rollout rollout() {
    int length = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(40);
    return rollout(1 + random.nextInt(20), length);
  }

  Rollout rollout(int promptLength, int responseLength) {
    return new Rollout(
        random.nextLong(),
        tokens(promptLength),
        random.nextInt(16),
        random.nextLong(),
        tokens(responseLength),
        floats(responseLength),
        floats(responseLength),
        random.nextBoolean());
  }

  /**
   * A scored rollout whose gold score is absent one time in three, whose model score is absent
   * one time in four, with 0 to 3 rule scores.
   */
  ScoredRollout scored() {
    return scored(rollout());
  }

  ScoredRollout scored(Rollout rollout) {
    Float gold = random.nextInt(3) == 0 ? null : nextFloat();
    Float model = random.nextInt(4) == 0 ? null : nextFloat();
    return new ScoredRollout(rollout, nextFloat(), gold, model, floats(random.nextInt(4)));
  }

  <T> List<T> list(int n, Supplier<T> next) {
    List<T> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(next.get());
    }
    return rows;
  }

  int[] tokens(int n) {
    int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = random.nextInt(50_257);
    }
    return tokens;
  }

  float[] floats(int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = nextFloat();
    }
    return values;
  }

  /** A log-probability-like value, or one of {@link #SPECIAL_FLOATS} one time in six. */
  float nextFloat() {
    if (random.nextInt(6) == 0) {
      return SPECIAL_FLOATS[random.nextInt(SPECIAL_FLOATS.length)];
    }
    return (float) (-10 * random.nextDouble());
  }

  /** Record equality treats all NaNs alike; this also compares every float's raw bits. */
  static void assertSameBits(List<ScoredRollout> expected, List<ScoredRollout> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      ScoredRollout e = expected.get(i);
      ScoredRollout a = actual.get(i);
      assertEquals(bits(e.score()), bits(a.score()), "score of row " + i);
      assertEquals(e.goldScore() == null, a.goldScore() == null, "gold_score null in row " + i);
      if (e.goldScore() != null) {
        assertEquals(bits(e.goldScore()), bits(a.goldScore()), "gold_score of row " + i);
      }
      assertSameBits(e.rollout(), a.rollout(), i);
    }
  }

  static void assertSameBits(Rollout expected, Rollout actual, int row) {
    assertSameBits(expected.logprobs(), actual.logprobs(), "logprobs of row " + row);
    assertSameBits(expected.refLogprobs(), actual.refLogprobs(), "ref_logprobs of row " + row);
  }

  private static void assertSameBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(bits(expected[i]), bits(actual[i]), what + " at " + i);
    }
  }

  private static String bits(float f) {
    return Integer.toHexString(Float.floatToRawIntBits(f));
  }
}
