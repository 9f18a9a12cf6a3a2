package io.tether.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a figure and its baseline give a ratio to trust, against values worked out by hand. */
class PairedTest {

  @Test
  void aPairIsReliableWhenBothSpreadsAreSmallAndTheRatioIsPossible() {
    Sample steady = Sample.of(10, 10.2, 9.8, 10.1, 9.9); // spread 0.2 / 10 = 0.02
    Sample ceiling = Sample.of(20, 20.4, 19.6, 20.2, 19.8);
    Paired p = new Paired(steady, ceiling);
    assertEquals(0.5, p.ratio(), 1e-12);
    assertEquals(0.02, p.spread(), 1e-12);
    assertTrue(p.reliable(RatioBound.AT_MOST_ONE));
    assertFalse(p.reliable(RatioBound.AT_LEAST_ONE), "0.5 is not a time against its bound");
  }

  @Test
  void aNoisySideMakesThePairUnreliable() {
    // baseline sorted 1 2 3: Q1 1.5, Q3 2.5, median 2 -> spread 0.5
    Paired p = new Paired(Sample.of(1, 1, 1), Sample.of(1, 2, 3));
    assertEquals(0.5, p.spread(), 1e-12);
    assertFalse(p.reliable(RatioBound.POSITIVE));
    // just under the threshold: 10 12 14 -> (13 - 11) / 12 = 1/6
    assertTrue(new Paired(Sample.of(1, 1, 1), Sample.of(10, 12, 14))
        .reliable(RatioBound.POSITIVE));
  }

  @Test
  void anImpossibleRatioIsUnreliableHoweverSteady() {
    // the case: an MFU of 7.3 against a roofline measured under other load
    Paired mfu = new Paired(Sample.of(0.117, 0.116, 0.118), Sample.of(0.016, 0.016, 0.016));
    assertEquals(0.117 / 0.016, mfu.ratio(), 1e-12);
    assertTrue(mfu.spread() < Paired.MAX_SPREAD);
    assertFalse(mfu.reliable(RatioBound.AT_MOST_ONE));
    assertTrue(mfu.reliable(RatioBound.POSITIVE));
    assertFalse(RatioBound.AT_MOST_ONE.allows(Double.NaN));
    assertFalse(RatioBound.POSITIVE.allows(Double.POSITIVE_INFINITY));
    assertTrue(RatioBound.AT_MOST_ONE.allows(1.0));
    assertFalse(RatioBound.AT_LEAST_ONE.allows(0.99));
  }
}
