package io.tether.reward;

import io.tether.core.train.LengthBuckets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Reward-model training batches: pairs drawn uniformly with replacement, {@link
 * LengthBuckets#POOL} batches' worth at a time, grouped by length.
 */
final class PairBatches {
  /** A pair as token sequences. */
  record Tokens(int[] chosen, int[] rejected) {
    int length() {
      return Math.max(chosen.length, rejected.length);
    }
  }

  private final Supplier<List<Tokens>> batches;

  PairBatches(List<Tokens> pairs, int batchSize, SplittableRandom random) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no preference pairs to train on");
    }
    this.batches = LengthBuckets.endless(n -> {
      List<Tokens> draws = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        draws.add(pairs.get(random.nextInt(pairs.size())));
      }
      return draws;
    }, batchSize, Tokens::length, random);
  }

  /** The next batch of {@code batchSize} pairs. */
  List<Tokens> next() {
    return batches.get();
  }
}
