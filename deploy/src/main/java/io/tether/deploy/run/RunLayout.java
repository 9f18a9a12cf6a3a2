package io.tether.deploy.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run keeps its files. The run directory is local to the driver (metrics, plots, summary
 * and scored rollouts are for a person to open); checkpoints live under {@link #storeUri()}: the
 * run directory, or {@code run.checkpoint_dir} (a Hadoop URI every executor can read) when set.
 *
 * @param dir the run directory
 * @param checkpointDir the checkpoint store root; empty: {@code dir}
 */
public record RunLayout(Path dir, String checkpointDir) {
  /** A layout whose checkpoints live in the run directory. */
  public RunLayout(Path dir) {
    this(dir, "");
  }

  /** This layout with its checkpoints under {@code uri} (empty: the run directory). */
  public RunLayout withCheckpoints(String uri) {
    return new RunLayout(dir, uri);
  }

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** {@code runs/<name>-<timestamp>} under the working directory. */
  public static RunLayout fresh(String name, Clock clock) {
    return new RunLayout(Path.of("runs", name + "-" + LocalDateTime.now(clock).format(STAMP)));
  }

  /** Checkpoint store root (a path usable as a Hadoop URI). */
  public String storeUri() {
    return checkpointDir.isEmpty() ? dir.toAbsolutePath().toUri().toString() : checkpointDir;
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

  /** Scored evaluation samples of iteration {@code i} as an Arrow IPC stream. */
  public Path evalRollouts(long iteration) {
    return dir.resolve(String.format("rollouts/eval-%06d.arrow", iteration));
  }

  /** One JSON line per iteration: which executors and JVMs produced the rollouts. */
  public Path executorsLog() {
    return dir.resolve("executors.jsonl");
  }

  /**
   * The files of reward-model refresh {@code round}: {@code pairs.jsonl} (the comparisons),
   * {@code labels.jsonl} (their labels), and for people, {@code label-studio-tasks.json} and
   * {@code label-studio-config.xml}.
   */
  public Path labelRound(long round) {
    return dir.resolve(String.format("labels/round-%03d", round));
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
