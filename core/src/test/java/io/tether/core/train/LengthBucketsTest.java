package io.tether.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Grouping by length keeps every draw once, makes batches of neighbouring lengths, and pads far
 * fewer positions than the same draws batched in their drawn order (counted here plainly).
 */
class LengthBucketsTest {

  /** 8 batches of 16 draws of a mix of short (3..12) and long (48) lengths, as SFT draws. */
  private static List<Integer> draws(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < 8 * 16; i++) {
      lengths.add(r.nextDouble() < 0.1 ? 48 : 3 + r.nextInt(10));
    }
    return lengths;
  }

  private static long padded(List<List<Integer>> batches) {
    long positions = 0;
    for (List<Integer> b : batches) {
      positions += (long) b.size() * Collections.max(b);
    }
    return positions;
  }

  @Test
  void everyDrawIsKeptOnceInBatchesOfNeighbouringLengths() {
    List<Integer> pool = draws(5);
    List<List<Integer>> batches = LengthBuckets.group(pool, 16, x -> x, new SplittableRandom(1));
    assertEquals(8, batches.size());
    List<Integer> all = new ArrayList<>();
    batches.forEach(all::addAll);
    List<Integer> expected = new ArrayList<>(pool);
    Collections.sort(expected);
    Collections.sort(all);
    assertEquals(expected, all);
    List<List<Integer>> byMin = new ArrayList<>(batches);
    byMin.sort((a, b) -> Integer.compare(Collections.min(a), Collections.min(b)));
    for (int i = 0; i + 1 < byMin.size(); i++) {
      assertEquals(16, byMin.get(i).size());
      assertTrue(Collections.max(byMin.get(i)) <= Collections.min(byMin.get(i + 1)),
          "batch " + i + " overlaps the next one's lengths");
    }
  }

  @Test
  void groupingPadsFewerPositionsThanDrawnOrder() {
    List<Integer> pool = draws(9);
    List<List<Integer>> inOrder = new ArrayList<>();
    for (int b = 0; b < 8; b++) {
      inOrder.add(pool.subList(b * 16, (b + 1) * 16));
    }
    long real = pool.stream().mapToLong(x -> x).sum();
    long grouped = padded(LengthBuckets.group(pool, 16, x -> x, new SplittableRandom(2)));
    long drawn = padded(inOrder);
    assertTrue(grouped < 0.6 * drawn, grouped + " positions grouped vs " + drawn + " in order");
    assertTrue(real <= grouped);
  }

  @Test
  void theBatchOrderIsShuffledAndRepeatsForTheSameSeedAndAPartialBatchIsKept() {
    List<Integer> pool = draws(3);
    List<List<Integer>> a = LengthBuckets.group(pool, 16, x -> x, new SplittableRandom(7));
    List<List<Integer>> b = LengthBuckets.group(pool, 16, x -> x, new SplittableRandom(7));
    assertEquals(a, b);
    List<Integer> firstMins = a.stream().map(Collections::min).toList();
    List<Integer> sortedMins = new ArrayList<>(firstMins);
    Collections.sort(sortedMins);
    assertNotEquals(sortedMins, firstMins, "batches come in length order");
    List<List<Integer>> odd = LengthBuckets.group(pool.subList(0, 20), 16, x -> x,
        new SplittableRandom(7));
    assertEquals(List.of(16, 4), odd.stream().map(List::size).sorted((x, y) -> y - x).toList());
    assertThrows(IllegalArgumentException.class,
        () -> LengthBuckets.group(pool, 0, x -> x, new SplittableRandom(7)));
  }

  @Test
  void endlessBatchesServeEachPoolWholeBeforeDrawingTheNext() {
    List<Integer> asked = new ArrayList<>();
    java.util.function.Supplier<List<Integer>> batches = LengthBuckets.endless(n -> {
      asked.add(n);
      List<Integer> pool = new ArrayList<>(); // draw k: distinct values in [1000 k, 1000 k + 999]
      for (int i = 0; i < n; i++) {
        pool.add(1000 * (asked.size() - 1) + i * 919 % 1000);
      }
      return pool;
    }, 4, x -> x, new SplittableRandom(3));
    List<Integer> first = new ArrayList<>();
    for (int b = 0; b < LengthBuckets.POOL; b++) {
      List<Integer> batch = batches.get();
      assertEquals(4, batch.size());
      first.addAll(batch);
    }
    assertEquals(List.of(LengthBuckets.POOL * 4), asked, "one draw for the first POOL batches");
    List<Integer> second = batches.get();
    assertEquals(List.of(LengthBuckets.POOL * 4, LengthBuckets.POOL * 4), asked);
    assertTrue(first.stream().allMatch(x -> x < 1000), "the first pool is served whole: " + first);
    assertEquals(32, new java.util.HashSet<>(first).size());
    assertTrue(second.stream().allMatch(x -> x >= 1000), "then the second: " + second);
    assertThrows(IllegalArgumentException.class,
        () -> LengthBuckets.endless(n -> List.of(1), 0, x -> x, new SplittableRandom(3)));
  }
}
