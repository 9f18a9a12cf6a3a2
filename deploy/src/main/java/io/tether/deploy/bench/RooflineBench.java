package io.tether.deploy.bench;

import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DJL float32 matmul GFLOP/s: a large square product (the roofline every utilisation is taken
 * against) and the model's own shapes, each timed in turn with the square one.
 */
final class RooflineBench {
  private final MatmulRoofline roofline = MatmulRoofline.systemClock();

  /** The square product alone, then the model shapes: decode (batch x d x 4d), training. */
  List<BenchRow> run(BenchPlan plan) {
    int n = plan.rooflineSize();
    List<BenchRow> rows = new ArrayList<>();
    rows.add(BenchRow.self(Section.ROOFLINE, n + "x" + n + "x" + n, "matmul_gflops", "GFLOP/s",
        plan.rounds().repeat(() -> Ceilings.square(plan))));
    int maxBatch = plan.batches().stream().mapToInt(Integer::intValue).max().orElse(1);
    for (ModelPreset p : plan.presets()) {
      int d = ModelSpec.of(p, 259, HeadKind.LM).dModel();
      for (int m : new int[] {1, maxBatch, plan.quick() ? 128 : 2048}) {
        String scenario = p.name().toLowerCase(Locale.ROOT) + " " + m + "x" + d + "x" + 4 * d;
        rows.add(BenchRow.of(Section.ROOFLINE, scenario, "matmul_gflops", "GFLOP/s",
            "matmul_" + n, shape(m, d, 4 * d, plan), RatioBound.POSITIVE));
      }
    }
    return rows;
  }

  /** An (m x k) by (k x n) product's GFLOP/s against the square roofline's, in turn. */
  private Paired shape(int m, int k, int n, BenchPlan plan) {
    int products = plan.quick() ? 3 : 5;
    return plan.rounds().pair(() -> roofline.measure(m, k, n, 1, products).medianGflops(),
        () -> Ceilings.square(plan));
  }
}
