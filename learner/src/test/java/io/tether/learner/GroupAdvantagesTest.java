package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tether.core.config.AdvantageKind;
import org.junit.jupiter.api.Test;

/** Group baselines against values worked out by hand. */
class GroupAdvantagesTest {

  @Test
  void grpoOfAGroupOfTwo() {
    // scores 1 and 3: mean 2, sample std sqrt(((-1)^2 + 1^2) / 1) = sqrt(2)
    double[] a = GroupAdvantages.compute(new long[] {7, 7}, new float[] {1, 3},
        AdvantageKind.GRPO, true);
    double d = Math.sqrt(2) + 1e-4;
    assertArrayEquals(new double[] {-1 / d, 1 / d}, a, 1e-12);
  }

  @Test
  void grpoOfAGroupOfFourBesideAnotherGroup() {
    // group 5: scores 0, 1, 2, 5 (mean 2, squares 4 + 1 + 0 + 9 = 14, std sqrt(14 / 3));
    // group 9: scores 4, 6 in rows 1 and 4 (mean 5, std sqrt(2)); the rows interleave
    long[] ids = {5, 9, 5, 5, 9, 5};
    float[] scores = {0, 4, 1, 2, 6, 5};
    double s5 = Math.sqrt(14.0 / 3) + 1e-4;
    double s9 = Math.sqrt(2) + 1e-4;
    double[] expected = {-2 / s5, -1 / s9, -1 / s5, 0, 1 / s9, 3 / s5};
    assertArrayEquals(expected,
        GroupAdvantages.compute(ids, scores, AdvantageKind.GRPO, true), 1e-12);
  }

  @Test
  void withoutTheStdDivisionOnlyTheMeanIsTakenOff() {
    long[] ids = {5, 9, 5, 5, 9, 5};
    float[] scores = {0, 4, 1, 2, 6, 5};
    assertArrayEquals(new double[] {-2, -1, -1, 0, 1, 3},
        GroupAdvantages.compute(ids, scores, AdvantageKind.GRPO, false), 1e-12);
  }

  @Test
  void aGroupOfEqualScoresHasNoAdvantage() {
    double[] a = GroupAdvantages.compute(new long[] {1, 1, 1, 1}, new float[] {0.5f, 0.5f, 0.5f,
        0.5f}, AdvantageKind.GRPO, true);
    assertArrayEquals(new double[4], a, 0);
    assertArrayEquals(new double[4], GroupAdvantages.compute(new long[] {1, 1, 1, 1},
        new float[] {2, 2, 2, 2}, AdvantageKind.RLOO, true), 0);
  }

  @Test
  void rlooSubtractsTheMeanOfTheOthers() {
    // row 0: 0 - (1 + 2 + 5) / 3 = -8/3; row 2: 1 - 7/3; row 3: 2 - 6/3; row 5: 5 - 3/3;
    // group 9: 4 - 6 and 6 - 4. Scaled mean-differences: n / (n - 1) * (s - mean).
    long[] ids = {5, 9, 5, 5, 9, 5};
    float[] scores = {0, 4, 1, 2, 6, 5};
    double[] a = GroupAdvantages.compute(ids, scores, AdvantageKind.RLOO, true);
    assertArrayEquals(new double[] {-8.0 / 3, -2, -4.0 / 3, 0, 2, 4}, a, 1e-12);
    for (int r : new int[] {0, 2, 3, 5}) {
      assertEquals(4.0 / 3 * (scores[r] - 2), a[r], 1e-12);
    }
  }

  @Test
  void aPromptWithOneSampleInTheBatchIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GroupAdvantages.compute(new long[] {3, 3, 4}, new float[] {1, 2, 3},
            AdvantageKind.GRPO, true));
    assertEquals("prompt_id 4 has 1 sample in this batch; a group baseline needs at least 2"
        + " samples of every prompt (rollout.samples_per_prompt >= 2)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GroupAdvantages.compute(new long[] {3, 3},
        new float[] {1, 2}, AdvantageKind.GAE, true));
  }

  @Test
  void flatGroupsAreTheGroupsWhoseSamplesAllScoredAlike() {
    // group 1: all 0 (flat); group 2: all 1 (flat); group 3: 0 and 1; group 4: 1, 1, 0
    long[] ids = {1, 2, 3, 1, 2, 3, 4, 4, 4};
    float[] scores = {0, 1, 0, 0, 1, 1, 1, 1, 0};
    assertEquals(0.5, GroupAdvantages.flatShare(ids, scores), 1e-12);
    assertEquals(1.0, GroupAdvantages.flatShare(new long[] {8, 8}, new float[] {2, 2}), 1e-12);
  }
}
