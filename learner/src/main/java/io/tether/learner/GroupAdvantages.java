package io.tether.learner;

import io.tether.core.config.AdvantageKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequence-level advantages from group baselines, in double precision on the host: the samples of
 * one prompt (one {@code prompt_id}) form a group, and each sample is compared with the others.
 *
 * <ul>
 *   <li>{@code grpo}: {@code (s_i - mean) / (std + 1e-4)}, std the sample standard deviation
 *       (n - 1 in the denominator, as {@code torch.std}); without {@code std}: {@code s_i - mean}
 *       (Dr. GRPO). A group of equal scores gets 0 for every sample.
 *   <li>{@code rloo}: {@code s_i - (sum - s_i) / (n - 1)}, the mean of the other samples.
 * </ul>
 *
 * <p>The whole iteration's rollouts reach the learner as one list, so every group is complete
 * here whatever partition produced its samples; a group of one is an error.
 */
public final class GroupAdvantages {
  /** Added to the group's standard deviation before dividing (TRL's GRPO value). */
  public static final double STD_EPS = 1e-4;

  private GroupAdvantages() {}

  /**
   * @param promptIds group of each row
   * @param scores score of each row
   * @param std {@code grpo} only: divide by the group's standard deviation
   * @return the advantage of each row
   * @throws IllegalArgumentException naming the prompt when a group has fewer than 2 samples
   */
  public static double[] compute(long[] promptIds, float[] scores, AdvantageKind kind,
      boolean std) {
    if (kind.usesCritic()) {
      throw new IllegalArgumentException(kind + " is not a group baseline");
    }
    double[] out = new double[scores.length];
    for (Map.Entry<Long, List<Integer>> g : groups(promptIds).entrySet()) {
      List<Integer> rows = g.getValue();
      if (rows.size() < 2) {
        throw new IllegalArgumentException("prompt_id " + g.getKey() + " has " + rows.size()
            + " sample in this batch; a group baseline needs at least 2 samples of every"
            + " prompt (rollout.samples_per_prompt >= 2)");
      }
      fill(out, rows, scores, kind, std);
    }
    return out;
  }

  /**
   * Share of the groups whose samples all scored the same: their advantages are 0, so the score
   * gives them no gradient (every sample right, or every sample wrong).
   */
  public static double flatShare(long[] promptIds, float[] scores) {
    Map<Long, List<Integer>> groups = groups(promptIds);
    long flat = groups.values().stream().filter(rows -> rows.stream()
        .allMatch(r -> scores[r] == scores[rows.get(0)])).count();
    return groups.isEmpty() ? Double.NaN : flat / (double) groups.size();
  }

  private static void fill(double[] out, List<Integer> rows, float[] scores, AdvantageKind kind,
      boolean std) {
    int n = rows.size();
    double sum = 0;
    for (int r : rows) {
      sum += scores[r];
    }
    double mean = sum / n;
    double scale = 1;
    if (kind == AdvantageKind.GRPO && std) {
      double squares = 0;
      for (int r : rows) {
        squares += (scores[r] - mean) * (scores[r] - mean);
      }
      scale = 1 / (Math.sqrt(squares / (n - 1)) + STD_EPS);
    }
    for (int r : rows) {
      out[r] = kind == AdvantageKind.RLOO
          ? scores[r] - (sum - scores[r]) / (n - 1)
          : (scores[r] - mean) * scale;
    }
  }

  private static Map<Long, List<Integer>> groups(long[] promptIds) {
    Map<Long, List<Integer>> groups = new LinkedHashMap<>();
    for (int row = 0; row < promptIds.length; row++) {
      groups.computeIfAbsent(promptIds[row], k -> new ArrayList<>()).add(row);
    }
    return groups;
  }
}
