package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import io.tether.deploy.report.MetricsTable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;

/** Two runs of the same config and seed compared: rollouts token for token, metrics by value. */
final class RunComparison {
  private RunComparison() {}

  static void assertSameRollouts(Path a, Path b, int iterations) throws Exception {
    for (int it = 0; it < iterations; it++) {
      assertSameRollouts(a, b, String.format("rollouts/iter-%06d.arrow", it));
      String eval = String.format("rollouts/eval-%06d.arrow", it);
      if (java.nio.file.Files.exists(a.resolve(eval))) {
        assertSameRollouts(a, b, eval);
      }
    }
  }

  /** The rollout file {@code name} of both runs, row by row. */
  private static void assertSameRollouts(Path a, Path b, String name) throws Exception {
    List<ScoredRollout> x = read(a.resolve(name));
    List<ScoredRollout> y = read(b.resolve(name));
    assertEquals(x.size(), y.size(), name);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < x.size(); i++) {
      Rollout p = x.get(i).rollout();
      Rollout q = y.get(i).rollout();
      assertTrue(seen.add(q.promptId() + "/" + q.sampleIndex()), "duplicate rollout " + q);
      assertEquals(p.promptId(), q.promptId(), name + " row " + i);
      assertEquals(p.sampleIndex(), q.sampleIndex(), name + " row " + i);
      assertArrayEquals(p.responseTokens(), q.responseTokens(), name + " row " + i);
      assertArrayEquals(p.logprobs(), q.logprobs(), 1e-4f, name + " row " + i);
      assertEquals(x.get(i).score(), y.get(i).score(), 1e-4, name + " row " + i);
    }
  }

  /** Every metric but timings, throughputs and placement agrees to 1e-4 relative. */
  static void assertSameMetrics(MetricsTable a, MetricsTable b) {
    assertEquals(a.rows().size(), b.rows().size());
    for (int r = 0; r < a.rows().size(); r++) {
      for (Map.Entry<String, Double> e : a.rows().get(r).entrySet()) {
        String k = e.getKey();
        if (k.startsWith("time/") || k.startsWith("throughput/") || k.equals("rollout/executors")
            || k.equals("rollout/task_retries")) {
          continue;
        }
        double x = e.getValue();
        double y = b.rows().get(r).get(k);
        assertEquals(x, y, 1e-4 * Math.max(1, Math.abs(x)), "iteration " + r + " " + k);
      }
    }
  }

  private static List<ScoredRollout> read(Path f) throws Exception {
    try (RootAllocator alloc = new RootAllocator(); InputStream in = Files.newInputStream(f)) {
      return ArrowIpc.readStream(ScoredRolloutCodec.INSTANCE, in, alloc, f.toString());
    }
  }
}
