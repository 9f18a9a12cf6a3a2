package io.tether.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(0.6, Double.parseDouble(a[10]), 1e-4);
    assertEquals(0.5, Double.parseDouble(a[11]), 1e-4);
    assertEquals(Math.exp(0.6 / 0.5 - 1), Double.parseDouble(a[12]), 1e-4);
    assertEquals(0.9, Double.parseDouble(b[10]), 1e-4);
    assertEquals(Math.exp(0.9 / 0.2 - 1), Double.parseDouble(b[12]), 1e-4);
    for (String f : List.of("sweep_reward_vs_sqrt_kl.png", "sweep_gold_vs_sqrt_kl.png")) {
      assertTrue(Files.size(dir.resolve(f)) > 1000, f);
    }
    assertTrue(Files.readString(dir.resolve("sweep.md")).contains("| beta=0.1 | evaluation |"));
  }
}
