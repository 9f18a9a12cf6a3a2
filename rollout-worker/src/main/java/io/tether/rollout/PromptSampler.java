package io.tether.rollout;

import io.tether.core.arrow.Prompt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The prompts of one iteration: {@code count} drawn without replacement from the full set by a
 * stream seeded from (run seed, iteration), returned in prompt-id order (all when count >= size).
 */
public final class PromptSampler {
  private PromptSampler() {}

  public static List<Prompt> sample(List<Prompt> all, int count, long runSeed, long iteration) {
    List<Prompt> pool = new ArrayList<>(all);
    pool.sort(Comparator.comparingLong(Prompt::promptId));
    if (count >= pool.size()) {
      return pool;
    }
    SplittableRandom r = new SplittableRandom(Seeds.of(runSeed, iteration, -1, -1));
    for (int i = 0; i < count; i++) {
      int j = i + r.nextInt(pool.size() - i);
      Prompt t = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, t);
    }
    List<Prompt> out = new ArrayList<>(pool.subList(0, count));
    out.sort(Comparator.comparingLong(Prompt::promptId));
    return out;
  }
}
