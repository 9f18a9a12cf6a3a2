package io.tether.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.metrics.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep table against runs whose points lie on known curves. */
class SweepReportTest {
  @TempDir Path dir;

  @Test
  void eachRowHoldsItsRunsFitsAndBothFiguresAreDrawn() throws Exception {
    List<SweepReport.Run> runs = List.of(
        new SweepReport.Run("beta=0.01", OverOptimizationPlotTest.table(0.6, 0.5)),
        new SweepReport.Run("beta=0.1", OverOptimizationPlotTest.table(0.9, 0.2)));
    SweepReport.write(runs, dir);
    List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
    String[] a = csv.get(1).split(",", -1);
    String[] b = csv.get(2).split(",", -1);
    assertEquals("beta=0.01", a[0]);
    assertEquals(0.45, Double.parseDouble(a[5]), 1e-9, "eval score = 0.45 d in both tables");
    assertEquals(0.6, Double.parseDouble(a[11]), 1e-4);
    assertEquals(0.5, Double.parseDouble(a[12]), 1e-4);
    assertEquals(Math.exp(0.6 / 0.5 - 1), Double.parseDouble(a[13]), 1e-4);
    assertEquals(0.9, Double.parseDouble(b[11]), 1e-4);
    assertEquals(Math.exp(0.9 / 0.2 - 1), Double.parseDouble(b[13]), 1e-4);
    // the gold line's slope and intercept, against a plain least-squares loop over the points
    MetricsTable t = runs.get(1).metrics();
    double[] line = line(t.column(MetricNames.EVAL_SQRT_KL), t.column(MetricNames.EVAL_GOLD_SCORE));
    assertEquals(line[0], Double.parseDouble(b[8]), 1e-4, "gold slope");
    assertEquals(line[1], Double.parseDouble(b[9]), 1e-4, "gold intercept");
    assertTrue(Files.readString(dir.resolve("sweep.md")).contains(b[9] + " + " + b[8] + " d"));
    for (String f : List.of("sweep_reward_vs_sqrt_kl.png", "sweep_gold_vs_sqrt_kl.png")) {
      assertTrue(Files.size(dir.resolve(f)) > 1000, f);
    }
    assertTrue(Files.readString(dir.resolve("sweep.md")).contains("| beta=0.1 | evaluation |"));
  }

  /** Slope and intercept of the least-squares line through the finite points. */
  private static double[] line(double[] x, double[] y) {
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        n++;
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        sxy += x[i] * y[i];
      }
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return new double[] {slope, (sy - slope * sx) / n};
  }
}
