package io.tether.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.metrics.MetricNames;
import io.tether.deploy.Tether;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  private static Map<String, Double> row(long it, double sqrtKl, double score, Double gold) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(MetricNames.ITERATION, (double) it);
    m.put(MetricNames.SQRT_KL, sqrtKl);
    m.put(MetricNames.KL, sqrtKl * sqrtKl);
    m.put(MetricNames.SCORES, score);
    if (gold != null) {
      m.put(MetricNames.GOLD_SCORES, gold);
    }
    m.put(MetricNames.KL_COEF, 0.05);
    return m;
  }

  @Test
  void linearFitByHand() {
    LinearFit perfect = LinearFit.of(new double[] {0, 1, 2}, new double[] {1, 3, 5});
    assertEquals(2.0, perfect.slope(), 1e-12);
    assertEquals(1.0, perfect.intercept(), 1e-12);
    assertEquals(1.0, perfect.r2(), 1e-12);
    // y = (0, 2, 1): slope 0.5, intercept 0.5, r2 = 0.25
    LinearFit f = LinearFit.of(new double[] {0, 1, 2, Double.NaN}, new double[] {0, 2, 1, 7});
    assertEquals(0.5, f.slope(), 1e-12);
    assertEquals(0.5, f.intercept(), 1e-12);
    assertEquals(0.25, f.r2(), 1e-12);
    assertEquals(3, f.n());
    assertFalse(LinearFit.of(new double[] {1, 1}, new double[] {2, 3}).valid());
    assertFalse(LinearFit.of(new double[] {1}, new double[] {2}).valid());
  }

  @Test
  void metricsCsvRoundTripsWithMissingCellsAndNamesBadLines() throws Exception {
    MetricsTable t = new MetricsTable();
    t.put(row(0, 0.0, -0.5, 0.1));
    t.put(row(1, 1.5, 0.25, null));
    Path csv = dir.resolve("metrics.csv");
    t.write(csv);
    MetricsTable back = MetricsTable.read(csv);
    assertEquals(t.rows(), back.rows());
    assertTrue(Double.isNaN(back.column(MetricNames.GOLD_SCORES)[1]));
    assertEquals("iteration", Files.readAllLines(csv).get(0).split(",")[0]);
    back.truncateFrom(1);
    assertEquals(1, back.rows().size());
    Files.writeString(csv, "iteration,objective/kl\n0,1.5\n1,oops\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MetricsTable.read(csv));
    assertEquals(csv + ":3:2: column objective/kl is not a number: \"oops\"", e.getMessage());
  }

  private static int pixels(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void plotsShowTheGoldSeriesOnlyWhenThereIsOneAndTheSvgParses() throws Exception {
    MetricsTable withGold = new MetricsTable();
    MetricsTable without = new MetricsTable();
    for (int i = 0; i < 6; i++) {
      withGold.put(row(i, i * 0.5, 0.2 * i, 0.1 * i));
      without.put(row(i, i * 0.5, 0.2 * i, null));
    }
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Plots.writeAll(withGold, a);
    Plots.writeAll(without, b);
    BufferedImage ga = ImageIO.read(a.resolve("reward_vs_sqrt_kl.png").toFile());
    BufferedImage gb = ImageIO.read(b.resolve("reward_vs_sqrt_kl.png").toFile());
    assertEquals(1000, ga.getWidth());
    assertEquals(700, ga.getHeight());
    int gold = Plots.GOLD.getRGB() & 0xffffff;
    int score = Plots.SCORE.getRGB() & 0xffffff;
    assertTrue(pixels(ga, gold) > 100 && pixels(ga, score) > 100);
    assertEquals(0, pixels(gb, gold));
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(a.resolve("reward_vs_sqrt_kl.svg").toFile());
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("RM score = 0.000 + 0.400 * sqrt(KL), R^2 = 1.000"), text);
    assertTrue(text.contains("gold score = 0.000 + 0.200 * sqrt(KL)"), text);
    assertTrue(Files.size(a.resolve("curves.png")) > 10_000);
  }

  @Test
  void thePlotCommandRedrawsFromMetricsCsvAndNamesAMissingFile() throws Exception {
    MetricsTable t = new MetricsTable();
    for (int i = 0; i < 4; i++) {
      t.put(row(i, i, 1 + 2.0 * i, null));
    }
    t.write(dir.resolve("metrics.csv"));
    assertEquals(0, Tether.execute("plot", dir.toString()));
    assertTrue(Files.isRegularFile(dir.resolve("reward_vs_sqrt_kl.svg")));
    assertEquals(2, Tether.execute("plot", dir.resolve("nowhere").toString()));
  }
}
