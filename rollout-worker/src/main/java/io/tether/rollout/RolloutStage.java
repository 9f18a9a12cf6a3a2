package io.tether.rollout;

import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.Prompt;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.RolloutCodec;
import io.tether.core.arrow.RowCodec;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import io.tether.core.djl.TorchThreads;
import io.tether.core.time.Ticker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The rollout stage, driver side: spreads one iteration's prompts over Spark tasks
 * ({@code mapPartitions}), where each executor JVM samples from its cached policy, adds
 * reference log-probs (and, embedded, scores), and sends its rows back as one Arrow IPC stream.
 * The prompts are sorted by id before they are split into tasks, so the tasks' streams, in
 * partition order, hold the rows sorted by (prompt id, sample index); the stage checks that every
 * (prompt, sample) is there exactly once and in that place, so a retried task can neither lose
 * nor duplicate a rollout, and keeps the streams as they arrived (see {@link
 * RolloutResult#arrow()}). The run's Hadoop configuration is broadcast with each stage (as Spark
 * does for its own Hadoop reads), so that executors load the checkpoints through the same
 * settings as the driver: {@code spark.hadoop.*}, {@code HADOOP_CONF_DIR}, and what was set on it.
 */
public final class RolloutStage {
  private final SparkSession spark;
  private final Configuration hadoop;
  private final ArrowMemory memory;
  private final Ticker ticker;

  /**
   * @param hadoop the run's Hadoop configuration: the tasks open the checkpoint store with it
   * @param memory the driver's Arrow memory: the tasks' streams are decoded in a stage of it
   * @param ticker the clock of the stage's and the tasks' times (carried to the tasks)
   */
  public RolloutStage(SparkSession spark, Configuration hadoop, ArrowMemory memory,
      Ticker ticker) {
    this.spark = spark;
    this.hadoop = hadoop;
    this.memory = memory;
    this.ticker = ticker;
  }

  /** Rollouts of {@code prompts} under {@code req}, in {@code partitions} tasks (0: default). */
  public RolloutResult<Rollout> generate(RolloutRequest req, List<Prompt> prompts, int partitions,
      TaskHook hook) {
    return run(req, prompts, partitions, null, hook, RolloutCodec.INSTANCE, r -> r);
  }

  /** As {@link #generate}, scored in the same tasks (the embedded reward stage). */
  public RolloutResult<ScoredRollout> generateScored(RolloutRequest req, List<Prompt> prompts,
      int partitions, RolloutScoring scoring, TaskHook hook) {
    return run(req, prompts, partitions, scoring, hook, ScoredRolloutCodec.INSTANCE,
        ScoredRollout::rollout);
  }

  private <T> RolloutResult<T> run(RolloutRequest req, List<Prompt> prompts, int partitions,
      RolloutScoring scoring, TaskHook hook, RowCodec<T> codec, Function<T, Rollout> key) {
    long start = ticker.nanos();
    Ticker clock = ticker;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<PromptRow> rows = prompts.stream().sorted(Comparator.comparingLong(Prompt::promptId))
        .map(PromptRow::of).toList();
    int parts = Math.max(1, partitions > 0 ? partitions : jsc.defaultParallelism());
    List<PartitionOutput> outputs;
    Broadcast<SerializableConfiguration> conf =
        SerializableConfiguration.broadcast(spark.sparkContext(), hadoop);
    try (TaskProgress bar = new TaskProgress(spark.sparkContext(), "rollout", parts)) {
      outputs = jsc.parallelize(new ArrayList<>(rows), parts)
          .mapPartitions(it -> PartitionGenerator.run(it, req, scoring, hook, clock, conf))
          .collect();
    } finally {
      conf.destroy();
      TorchThreads.all(); // local mode: the tasks ran in this JVM with fewer threads
    }
    List<T> all = decode(outputs, codec);
    checkComplete(all, key, rows, req.samplesPerPrompt());
    return summarise(all, outputs, ticker.secondsSince(start));
  }

  private <T> List<T> decode(List<PartitionOutput> outputs, RowCodec<T> codec) {
    List<T> all = new ArrayList<>();
    try (BufferAllocator allocator = memory.stage("rollout-decode")) {
      for (PartitionOutput o : outputs) {
        all.addAll(ArrowIpc.fromBytes(codec, o.arrow(), allocator,
            "rollout task on executor " + o.executorId()));
      }
    }
    return all;
  }

  private static <T> void checkComplete(List<T> all, Function<T, Rollout> key,
      List<PromptRow> prompts, int samples) {
    if (all.size() != prompts.size() * samples) {
      throw new IllegalStateException("rollout stage returned " + all.size() + " rows for "
          + prompts.size() + " prompts x " + samples + " samples");
    }
    for (int i = 0; i < all.size(); i++) {
      Rollout r = key.apply(all.get(i));
      PromptRow p = prompts.get(i / samples);
      if (r.promptId() != p.promptId() || r.sampleIndex() != i % samples) {
        throw new IllegalStateException("rollout stage output is missing or duplicates (prompt "
            + p.promptId() + ", sample " + i % samples + "); found (" + r.promptId() + ", "
            + r.sampleIndex() + ")");
      }
    }
  }

  private static <T> RolloutResult<T> summarise(List<T> all, List<PartitionOutput> outputs,
      double seconds) {
    Map<Long, PartitionOutput> latestPerJvm = new HashMap<>();
    long tokens = 0;
    double genSeconds = 0;
    int retried = 0;
    TreeSet<String> executors = new TreeSet<>();
    for (PartitionOutput o : outputs) {
      tokens += o.responseTokens();
      genSeconds += o.generateNanos() / 1e9;
      retried += o.attempt() > 0 ? 1 : 0;
      executors.add(o.executorId());
      latestPerJvm.merge(o.pid(), o, (a, b) -> a.modelLoads() >= b.modelLoads() ? a : b);
    }
    long loads = latestPerJvm.values().stream().mapToLong(PartitionOutput::modelLoads).sum();
    double loadSeconds =
        latestPerJvm.values().stream().mapToLong(PartitionOutput::modelLoadNanos).sum() / 1e9;
    List<byte[]> arrow = outputs.stream().map(PartitionOutput::arrow).toList();
    return new RolloutResult<>(all, arrow, tokens, seconds, genSeconds, List.copyOf(executors),
        List.copyOf(new TreeSet<>(latestPerJvm.keySet())), loads, loadSeconds, retried);
  }
}
