package io.tether.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Measurement and baseline alternate, warm-ups are dropped, results keep their order. */
class InterleavedTest {

  @Test
  void sidesAlternateAndTheWarmUpRoundsAreDropped() {
    List<String> calls = new ArrayList<>();
    var runs = new Interleaved(1, 3).run(
        () -> {
          calls.add("A");
          return calls.size();
        },
        () -> {
          calls.add("B");
          return -calls.size();
        });
    assertEquals(List.of("A", "B", "A", "B", "A", "B", "A", "B"), calls);
    assertEquals(List.of(3, 5, 7), runs.measured());
    assertEquals(List.of(-4, -6, -8), runs.baseline());
  }

  @Test
  void pairTakesMediansOfEachSide() {
    double[] a = {3, 1, 2};
    double[] b = {10, 30, 20};
    int[] i = {0, 0};
    Paired p = new Interleaved(0, 3).pair(() -> a[i[0]++], () -> b[i[1]++]);
    assertEquals(2.0, p.value().median());
    assertEquals(20.0, p.baseline().median());
    assertEquals(0.1, p.ratio(), 1e-12);
    assertEquals(List.of(3.0, 1.0, 2.0), p.value().values());
  }

  @Test
  void repeatKeepsOnlyTheRepeats() {
    int[] n = {0};
    Sample s = new Interleaved(2, 3).repeat(() -> ++n[0]);
    assertEquals(List.of(3.0, 4.0, 5.0), s.values());
  }

  @Test
  void atLeastOneRoundIsKept() {
    assertThrows(IllegalArgumentException.class, () -> new Interleaved(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Interleaved(-1, 3));
  }
}
