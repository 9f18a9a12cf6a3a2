package io.tether.reward;

import io.tether.core.train.LengthBuckets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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

  private final List<Tokens> pairs;
  private final int batchSize;
  private final SplittableRandom random;
  private final ArrayDeque<List<Tokens>> ready = new ArrayDeque<>();

  PairBatches(List<Tokens> pairs, int batchSize, SplittableRandom random) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no preference pairs to train on");
    }
    this.pairs = pairs;
    this.batchSize = batchSize;
    this.random = random;
  }

  /** The next batch of {@code batchSize} pairs. */
  List<Tokens> next() {
    if (ready.isEmpty()) {
      List<Tokens> pool = new ArrayList<>(LengthBuckets.POOL * batchSize);
      for (int i = 0; i < LengthBuckets.POOL * batchSize; i++) {
        pool.add(pairs.get(random.nextInt(pairs.size())));
      }
      ready.addAll(LengthBuckets.group(pool, batchSize, Tokens::length, random));
    }
    return ready.poll();
  }
}
