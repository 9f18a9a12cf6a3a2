package io.tether.core.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Groups a pool of training sequences drawn at random into batches of similar length, served in
 * a random order. A batch is padded to its longest sequence; batches of random draws from a mix
 * of short and long texts are mostly padding (the default task's reward-model pairs: about 36%
 * real tokens), so grouping the draws of {@link #POOL} batches computes far fewer positions while
 * every step still trains on draws of the same distribution.
 */
public final class LengthBuckets {
  /** Batches drawn and grouped together. */
  public static final int POOL = 8;

  private LengthBuckets() {}

  /**
   * {@code pool} sorted by {@code length} (stable) and cut into batches of {@code batchSize},
   * shuffled with {@code random}; a last partial batch is kept.
   */
  public static <T> List<List<T>> group(List<T> pool, int batchSize, ToIntFunction<T> length,
      SplittableRandom random) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    List<T> sorted = new ArrayList<>(pool);
    sorted.sort(Comparator.comparingInt(length));
    List<List<T>> batches = new ArrayList<>();
    for (int from = 0; from < sorted.size(); from += batchSize) {
      batches.add(sorted.subList(from, Math.min(sorted.size(), from + batchSize)));
    }
    for (int i = batches.size() - 1; i > 0; i--) {
      Collections.swap(batches, i, random.nextInt(i + 1));
    }
    return batches;
  }

  /**
   * Batches without end: whenever the grouped batches run out, {@code draw} makes {@link #POOL}
   * batches' worth of new draws (it is given their count), which {@link #group} groups.
   */
  public static <T> Supplier<List<T>> endless(IntFunction<List<T>> draw, int batchSize,
      ToIntFunction<T> length, SplittableRandom random) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    ArrayDeque<List<T>> ready = new ArrayDeque<>();
    return () -> {
      if (ready.isEmpty()) {
        ready.addAll(group(draw.apply(POOL * batchSize), batchSize, length, random));
      }
      return ready.poll();
    };
  }
}
