package io.tether.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Median and spread against values worked out by hand. */
class SampleTest {

  @Test
  void oddCountMedianIsTheMiddleAndQuartilesFallOnValues() {
    // sorted 1 2 3 4 5: Q1 at rank 1 = 2, median at rank 2 = 3, Q3 at rank 3 = 4
    Sample s = Sample.of(5, 1, 4, 2, 3);
    assertEquals(3.0, s.median(), 1e-12);
    assertEquals((4.0 - 2.0) / 3.0, s.spread(), 1e-12);
  }

  @Test
  void evenCountInterpolatesBetweenRanks() {
    // sorted 1 2 3 4: median at rank 1.5 = 2.5; Q1 at rank 0.75 = 1.75; Q3 at rank 2.25 = 3.25
    Sample s = Sample.of(4, 1, 3, 2);
    assertEquals(2.5, s.median(), 1e-12);
    assertEquals((3.25 - 1.75) / 2.5, s.spread(), 1e-12);
  }

  @Test
  void threeRepeatsSpreadIsHalfTheRangeOverTheMedian() {
    // sorted 8 10 13: Q1 at rank 0.5 = 9, Q3 at rank 1.5 = 11.5
    Sample s = Sample.of(10, 13, 8);
    assertEquals(10.0, s.median(), 1e-12);
    assertEquals(0.25, s.spread(), 1e-12);
  }

  @Test
  void oneDisturbedRepeatAmongFiveMovesNeitherMedianNorSpread() {
    // sorted 9.8 10 10.1 10.2 100: median 10.1, Q1 10, Q3 10.2
    Sample s = Sample.of(10, 10.2, 9.8, 10.1, 100);
    assertEquals(10.1, s.median(), 1e-12);
    assertEquals(0.2 / 10.1, s.spread(), 1e-12);
    // two disturbed repeats do show
    assertEquals((100 - 10.0) / 10.1, Sample.of(10, 100, 9.8, 10.1, 100).spread(), 1e-12);
  }

  @Test
  void aSingleOrExactValueHasNoSpread() {
    assertEquals(0.0, Sample.exact(7).spread());
    assertEquals(7.0, Sample.exact(7).median());
    assertThrows(IllegalArgumentException.class, Sample::of);
  }

  @Test
  void mapRecomputesFromTheRepeats() {
    // rates of 1, 2 and 4 seconds: 1/1 1/2 1/4 -> median 0.5, Q1 0.375, Q3 0.75
    Sample rates = Sample.of(1, 2, 4).map(s -> 1 / s);
    assertEquals(0.5, rates.median(), 1e-12);
    assertEquals((0.75 - 0.375) / 0.5, rates.spread(), 1e-12);
  }
}
