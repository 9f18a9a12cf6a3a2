package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.metrics.MetricNames;
import io.tether.deploy.bench.BenchReport;
import io.tether.deploy.bench.Section;
import io.tether.deploy.report.MetricsTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tether bench --quick} on the tiny preset: the CSV's shape and sanity, no timings. */
class BenchCommandTest {

  @Test
  void quickBenchWritesEverySectionWithPositiveFiniteNumbers(@TempDir Path dir) throws Exception {
    Path runDir = fakeRun(dir.resolve("run"));
    Path out = dir.resolve("bench");
    StringWriter log = new StringWriter();
    CommandLine cli = new CommandLine(new Tether()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new ErrorHandler());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(log));
    int exit = cli.execute("bench", "--quick", "--presets", "tiny", "--out", out.toString(),
        "--run-dir", runDir.toString());
    assertEquals(0, exit, log + "\n" + err);

    List<String> lines = Files.readAllLines(out.resolve("bench.csv"));
    List<String> machine = lines.stream().filter(l -> l.startsWith("# ")).toList();
    for (String key : List.of("cpu_model", "cores", "memory_gib", "jvm", "djl_engine",
        "torch_threads")) {
      assertTrue(machine.stream().anyMatch(l -> l.startsWith("# " + key + ": ")), key);
    }
    List<String> table = lines.stream().filter(l -> !l.startsWith("#")).toList();
    assertEquals(BenchReport.HEADER, table.get(0));
    Set<String> sections = new TreeSet<>();
    Set<String> metrics = new TreeSet<>();
    Set<String> baselines = new TreeSet<>();
    Map<String, Boolean> reliable = new LinkedHashMap<>();
    for (String row : table.subList(1, table.size())) {
      String[] cells = row.split(",", -1);
      assertEquals(11, cells.length, row);
      sections.add(cells[0]);
      metrics.add(cells[0] + "/" + cells[2]);
      baselines.add(cells[0] + "/" + cells[2] + " vs " + cells[5]);
      for (int col : new int[] {3, 6, 7}) {
        double v = Double.parseDouble(cells[col]);
        assertTrue(Double.isFinite(v) && v > 0, "column " + col + " of " + row);
      }
      for (int col : new int[] {8, 9}) {
        double spread = Double.parseDouble(cells[col]);
        assertTrue(Double.isFinite(spread) && spread >= 0, "spread " + col + " of " + row);
      }
      assertTrue(Set.of("true", "false").contains(cells[10]), row);
      if (cells[2].equals("bytes_per_rollout") || cells[0].equals("iteration")) {
        assertEquals("0.00000", cells[8], "not timed: " + row);
      }
      if (cells[5].equals("self")) {
        assertEquals(cells[8], cells[9], row);
      }
      reliable.put(cells[0] + "/" + cells[1] + "/" + cells[2] + " vs " + cells[5],
          Boolean.parseBoolean(cells[10]));
    }
    Set<String> all = new TreeSet<>();
    Arrays.stream(Section.values()).forEach(s -> all.add(s.label()));
    assertEquals(all, sections);
    for (String m : List.of("roofline/matmul_gflops", "generation/tokens_per_s",
        "generation/model_gflops", "overhead/decode_step_ms", "learner/tokens_per_s",
        "learner/model_gflops", "scoring/seq_per_s", "transfer/bytes_per_rollout",
        "transfer/encode_decode_ms", "transfer/encode_decode_s", "iteration/time/rollout",
        "iteration/time/learner", "iteration/time/transfer", "hf_shapes/tokens_per_s",
        "hf_shapes/decode_tokens_per_s", "hf_shapes/learner_peak_mib")) {
      assertTrue(metrics.contains(m), m + " in " + metrics);
    }
    for (String b : List.of("generation/model_gflops vs roofline",
        "generation/model_gflops vs roofline_at_shape", "generation/decode_model_gflops vs roofline_at_shape",
        "learner/model_gflops vs roofline_at_shape", "learner/tokens_per_s vs ppo_update_v259")) {
      assertTrue(baselines.contains(b), b + " in " + baselines);
    }
    for (String b : List.of("overhead/decode_step_ms vs flop_time_at_roofline",
        "overhead/decode_step_us vs native_op_us", "scoring/seq_per_s vs embedded",
        "transfer/encode_decode_ms vs java_serialization",
        "hf_shapes/tokens_per_s vs roofline_at_shape",
        "hf_shapes/model_gflops vs roofline_at_shape",
        "hf_shapes/learner_peak_mib vs tensor_bytes_mib")) {
      assertTrue(baselines.contains(b), b + " in " + baselines);
    }
    for (String shape : List.of("gpt2-2l b8", "llama-2l b8", "ppo update llama-2l",
        "llama-2l policy+reference+critic+reward")) {
      assertTrue(table.stream().anyMatch(r -> r.startsWith("hf_shapes," + shape)), shape);
    }
    // the iteration rows come from the fake run's file: shares of a whole, not timed
    reliable.forEach((row, ok) -> assertTrue(ok || !row.startsWith("iteration/"), row));
    String text = Files.readString(out.resolve("bench.txt"));
    assertTrue(text.contains("cpu_model: ") && text.contains("generation"), text);
    long unreliable = reliable.values().stream().filter(ok -> !ok).count();
    assertEquals(unreliable, text.lines().filter(l -> l.contains("UNRELIABLE (")).count(), text);
  }

  /** A run directory with a two-iteration metrics.csv. */
  private static Path fakeRun(Path runDir) throws Exception {
    Files.createDirectories(runDir);
    MetricsTable t = new MetricsTable();
    for (int it = 0; it < 2; it++) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(MetricNames.ITERATION, (double) it);
      m.put(MetricNames.TIME_ROLLOUT, 4.0 + it);
      m.put(MetricNames.TIME_REWARD, 0.5);
      m.put(MetricNames.TIME_TRANSFER, 0.05);
      m.put(MetricNames.TIME_LEARNER, 3.0);
      m.put(MetricNames.TIME_CHECKPOINT, 0.4);
      m.put(MetricNames.TIME_WEIGHT_LOAD, 0.2);
      t.put(m);
    }
    t.write(runDir.resolve("metrics.csv"));
    return runDir;
  }
}
