package io.tether.deploy.bench;

import io.tether.core.metrics.MetricNames;
import io.tether.deploy.report.MetricsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where an iteration's time goes, from a run directory's {@code metrics.csv}: mean seconds per
 * iteration of each stage and its share of their sum. Rollout includes embedded scoring and
 * executors' weight loading ({@code time/weight_load} is reported but not added again); reward is
 * non-zero only with the remote reward service.
 */
final class IterationBreakdown {
  /** The stages that add up to an iteration, in pipeline order. */
  static final List<String> STAGES = List.of(MetricNames.TIME_ROLLOUT, MetricNames.TIME_REWARD,
      MetricNames.TIME_TRANSFER, MetricNames.TIME_LEARNER, MetricNames.TIME_CHECKPOINT);

  /** How to get a breakdown when no run directory was given. */
  static final String HOW_TO = "iteration breakdown: run `tether quickstart` (or `tether run"
      + " CONFIG`), then `tether bench --only iteration --run-dir RUN_DIR`";

  private final MetricsTable table;

  private IterationBreakdown(MetricsTable table) {
    this.table = table;
  }

  /** Reads {@code runDir/metrics.csv}. */
  static IterationBreakdown read(Path runDir) {
    Path csv = runDir.resolve("metrics.csv");
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("--run-dir " + runDir + ": no metrics.csv there");
    }
    return new IterationBreakdown(MetricsTable.read(csv));
  }

  /** Mean seconds per iteration of the stages together. */
  double iterationSeconds() {
    return STAGES.stream().mapToDouble(this::mean).sum();
  }

  List<BenchRow> rows() {
    double total = iterationSeconds();
    String scenario = table.rows().size() + " iterations";
    List<BenchRow> rows = new ArrayList<>();
    for (String stage : STAGES) {
      rows.add(share(scenario, stage, total));
    }
    rows.add(share(scenario, MetricNames.TIME_WEIGHT_LOAD, total));
    return rows;
  }

  /** A stage's mean seconds as a share of the iteration's: read, not timed, so spread 0. */
  private BenchRow share(String scenario, String stage, double total) {
    return BenchRow.of(Section.ITERATION, scenario, stage, "s", "iteration",
        new Paired(Sample.exact(mean(stage)), Sample.exact(total)), RatioBound.AT_MOST_ONE);
  }

  private double mean(String name) {
    return Arrays.stream(table.column(name)).filter(Double::isFinite).average().orElse(0);
  }
}
