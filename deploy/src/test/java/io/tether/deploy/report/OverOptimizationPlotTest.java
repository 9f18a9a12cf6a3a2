package io.tether.deploy.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.metrics.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reward-vs-sqrt(KL) plot draws evaluation points, Gao's curve and its peak. */
class OverOptimizationPlotTest {
  @TempDir Path dir;

  static MetricsTable table(double alpha, double beta) {
    MetricsTable t = new MetricsTable();
    for (int it = 0; it < 8; it++) {
      double d = 0.4 * it;
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(MetricNames.ITERATION, (double) it);
      m.put(MetricNames.SQRT_KL, d + 0.1);
      m.put(MetricNames.SCORES, 0.5 * d);
      m.put(MetricNames.GOLD_SCORES, 0.2);
      m.put(MetricNames.EVAL_SQRT_KL, d);
      m.put(MetricNames.EVAL_SCORE, 0.45 * d);
      m.put(MetricNames.EVAL_GOLD_SCORE, 0.1 + (d == 0 ? 0 : d * (alpha - beta * Math.log(d))));
      t.put(m);
    }
    return t;
  }

  @Test
  void thePeakIsMarkedWhereTheFittedGoldTurnsDown() throws Exception {
    Plots.writeAll(table(0.6, 0.5), dir);
    String svg = Files.readString(dir.resolve("reward_vs_sqrt_kl.svg"));
    assertTrue(svg.contains("(evaluation points; training points faint)"), svg);
    assertTrue(svg.contains("gold = 0.100 + d (0.600 - 0.500 ln d) (Gao et al.)"
        + "; gold peak at sqrt(KL) = 1.22"), svg);
    Plots.writeAll(table(0.6, -0.1), dir);
    svg = Files.readString(dir.resolve("reward_vs_sqrt_kl.svg"));
    assertTrue(svg.contains("(0.600 - -0.100 ln d)"), svg);
    assertFalse(svg.contains("gold peak"), "a rising fit has no peak to mark");
  }
}
