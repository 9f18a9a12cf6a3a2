package io.tether.deploy.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run keeps its files. The run directory is local (metrics, plots, summary are for a
 * person to open); checkpoints and scored rollouts live under {@link #storeUri()}, which is the
 * same directory unless {@code run.dir} names a Hadoop URI.
 *
 * @param dir the run directory
 */
public record RunLayout(Path dir) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** {@code runs/<name>-<timestamp>} under the working directory. */
  public static RunLayout fresh(String name, Clock clock) {
    return new RunLayout(Path.of("runs", name + "-" + LocalDateTime.now(clock).format(STAMP)));
  }

  /** Checkpoint store root (a path usable as a Hadoop URI). */
  public String storeUri() {
    return dir.toAbsolutePath().toUri().toString();
  }

  public Path config() {
    return dir.resolve("config.yaml");
  }

  public Path prompts() {
    return dir.resolve("data/prompts.jsonl");
  }

  public Path preferences() {
    return dir.resolve("data/preferences.jsonl");
  }

  /** Scored rollouts of iteration {@code i} as an Arrow IPC stream. */
  public Path scoredRollouts(long iteration) {
    return dir.resolve(String.format("rollouts/iter-%06d.arrow", iteration));
  }

  public Path metricsCsv() {
    return dir.resolve("metrics.csv");
  }

  public Path metricsParquet() {
    return dir.resolve("metrics.parquet");
  }

  public Path summary() {
    return dir.resolve("summary.json");
  }
}
