package io.tether.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.metrics.MetricNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsSinkTest {
  @TempDir Path dir;

  private static Map<String, Double> row(long it, double kl) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(MetricNames.ITERATION, (double) it);
    m.put(MetricNames.KL, kl);
    return m;
  }

  @Test
  void eachIterationAppendsOneLineAndLeavesTheEarlierBytesAlone() throws Exception {
    Path csv = dir.resolve("metrics.csv");
    MetricsSink sink = new MetricsSink(csv, new MetricsTable());
    assertEquals("iteration\n", Files.readString(csv));
    sink.append(row(0, 0.5));
    byte[] first = Files.readAllBytes(csv);
    sink.append(row(1, 1.25));
    String text = Files.readString(csv);
    assertEquals("iteration,objective/kl\n0,0.5\n1,1.25\n", text);
    assertTrue(text.startsWith(new String(first, StandardCharsets.UTF_8)));
    // a new column rewrites the file with the wider header; old rows get empty cells
    Map<String, Double> wider = row(2, 2.0);
    wider.put(MetricNames.SCORES, 0.75);
    sink.append(wider);
    assertEquals("iteration,objective/kl,objective/scores\n0,0.5,\n1,1.25,\n2,2.0,0.75\n",
        Files.readString(csv));
    assertEquals(3, MetricsTable.read(csv).rows().size());
  }

  @Test
  void aLineCutOffByAKillIsLeftOutAndTheResumedRunRewritesTheFile() throws Exception {
    Path csv = dir.resolve("metrics.csv");
    MetricsSink sink = new MetricsSink(csv, new MetricsTable());
    sink.append(row(0, 0.5));
    sink.append(row(1, 1.25));
    Files.writeString(csv, "2,3.", StandardOpenOption.APPEND); // killed mid-append
    MetricsTable kept = MetricsTable.read(csv);
    assertEquals(2, kept.rows().size());
    kept.truncateFrom(1); // the checkpoint says: resume at iteration 1
    MetricsSink resumed = new MetricsSink(csv, kept);
    resumed.append(row(1, 1.5));
    assertEquals("iteration,objective/kl\n0,0.5\n1,1.5\n", Files.readString(csv));
  }
}
