package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KlControllerTest {

  @Test
  void adaptiveRaisesBetaAboveTargetAndLowersItBelow() {
    KlController.Adaptive up = new KlController.Adaptive(0.1, 6.0, 10_000);
    up.update(9.0, 256); // error = min(0.5, 0.2) = 0.2
    assertEquals(0.1 * (1 + 0.2 * 256 / 10_000.0), up.coef(), 1e-15);
    KlController.Adaptive down = new KlController.Adaptive(0.1, 6.0, 10_000);
    down.update(3.0, 256); // error = -0.5 -> -0.2
    assertEquals(0.1 * (1 - 0.2 * 256 / 10_000.0), down.coef(), 1e-15);
    KlController.Adaptive near = new KlController.Adaptive(0.1, 6.0, 10_000);
    near.update(6.6, 100); // error = 0.1, inside the clip
    assertEquals(0.1 * (1 + 0.1 * 100 / 10_000.0), near.coef(), 1e-15);
  }

  @Test
  void adaptiveConvergesTowardsAKlThatDependsOnBeta() {
    // a toy policy whose KL falls as beta rises: KL = 1 / beta
    KlController.Adaptive c = new KlController.Adaptive(0.05, 6.0, 1000);
    for (int i = 0; i < 2000; i++) {
      c.update(1 / c.coef(), 64);
    }
    assertEquals(1 / 6.0, c.coef(), 0.01);
    assertTrue(Math.abs(1 / c.coef() - 6.0) < 0.3);
  }

  @Test
  void fixedNeverMovesButRestores() {
    KlController.Fixed f = new KlController.Fixed(0.2);
    f.update(100, 1000);
    assertEquals(0.2, f.coef(), 0);
    f.restore(0.3);
    assertEquals(0.3, f.coef(), 0);
  }
}
