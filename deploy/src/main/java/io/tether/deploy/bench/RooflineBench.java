package io.tether.deploy.bench;

import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL float32 matmul GFLOP/s: a large square product (the roofline every utilisation is taken
 * against) and the model's own shapes, each compared with the square one.
 */
final class RooflineBench {
  private final MatmulRoofline roofline = MatmulRoofline.systemClock();

  /** Median GFLOP/s of an n x n x n product. */
  double peak(int n, boolean quick) {
    return roofline.measure(n, n, n, 2, quick ? 5 : 10).bestGflops();
  }

  /** Rows for the model shapes: decode (batch x d x 4d) and training (tokens x d x 4d). */
  List<BenchRow> shapes(BenchPlan plan, int n, double peak) {
    List<BenchRow> rows = new ArrayList<>();
    rows.add(new BenchRow(Section.ROOFLINE.label(), n + "x" + n + "x" + n, "matmul_gflops", peak,
        "GFLOP/s", "self", peak, 1));
    for (ModelPreset p : plan.presets()) {
      int d = ModelSpec.of(p, 259, HeadKind.LM).dModel();
      int maxBatch = plan.batches().stream().mapToInt(Integer::intValue).max().orElse(1);
      for (int m : new int[] {1, maxBatch, plan.quick() ? 128 : 2048}) {
        rows.add(shape(p.name().toLowerCase() + " " + m + "x" + d + "x" + 4 * d, m, d, 4 * d,
            plan, n, peak));
      }
    }
    return rows;
  }

  private BenchRow shape(String scenario, int m, int k, int n, BenchPlan plan, int size,
      double peak) {
    int reps = plan.quick() ? 5 : 20;
    double g = roofline.measure(m, k, n, 3, reps).bestGflops();
    return BenchRow.vs(Section.ROOFLINE, scenario, "matmul_gflops", g, "GFLOP/s",
        "matmul_" + size, peak);
  }
}
