package io.tether.deploy.bench;

import java.util.function.DoubleSupplier;

/**
 * The two rooflines a utilisation is taken against, measured in one round next to the work they
 * judge.
 *
 * @param atShape GFLOP/s of the products the measured work itself multiplies
 * @param square GFLOP/s of the square product taken as the machine's roofline
 */
record Ceilings(double atShape, double square) {

  /** Measures {@code atShape}, then the square roofline. */
  static Ceilings measure(DoubleSupplier atShape, BenchPlan plan) {
    return new Ceilings(atShape.getAsDouble(), square(plan));
  }

  /** Median GFLOP/s of three square products of side {@link BenchPlan#rooflineSize()}. */
  static double square(BenchPlan plan) {
    int n = plan.rooflineSize();
    return MatmulRoofline.systemClock().measure(n, n, n, 1, 3).medianGflops();
  }
}
