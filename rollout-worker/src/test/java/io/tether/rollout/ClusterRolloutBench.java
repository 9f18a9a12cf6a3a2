package io.tether.rollout;

import io.tether.core.arrow.Prompt;
import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.Role;
import io.tether.core.model.ModelPreset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: rollout throughput of a preset on a standalone cluster on 127.0.0.1 with
 * 1 and then 2 single-core workers, and the time executors spend loading weights when a new
 * policy version is published. Per cluster size, three iterations: cold (policy and reference
 * loaded), a new policy version (only it reloads: the weight-distribution cost of an iteration),
 * and the same version again (no load).
 *
 * <p>{@code ClusterRolloutBench [preset] [prompts] [max_new_tokens] [batch] [local]}; a CSV on
 * stdout ({@code local}: the same in {@code local[2]}, workers column 0).
 */
public final class ClusterRolloutBench {
  private ClusterRolloutBench() {}

  public static void main(String[] args) throws Exception {
    ModelPreset preset = ModelPreset.valueOf(arg(args, 0, "small").toUpperCase(Locale.ROOT));
    int prompts = Integer.parseInt(arg(args, 1, "64"));
    int newTokens = Integer.parseInt(arg(args, 2, "32"));
    int batch = Integer.parseInt(arg(args, 3, "16"));
    Path dir = Files.createTempDirectory("cluster-bench");
    String store = Files.createDirectories(dir.resolve("store")).toString();
    RolloutStageTest.publish(store, preset, Role.REFERENCE, 0, 1);
    RolloutStageTest.publish(store, preset, Role.POLICY, 0, 1);
    RolloutStageTest.publish(store, preset, Role.POLICY, 1, 2);
    System.out.println("workers,iteration,policy_version,tokens,seconds,tokens_per_s,"
        + "model_loads,load_seconds_delta");
    boolean localOnly = args.length > 4 && args[4].equals("local");
    if (localOnly) {
      SparkSession s = SparkSession.builder().master("local[2]").appName("bench-local")
          .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
      try {
        iterations(s, store, 0, prompts, newTokens, batch, 2);
      } finally {
        s.stop();
      }
      return;
    }
    for (int workers = 1; workers <= 2; workers++) {
      run(dir, store, workers, prompts, newTokens, batch);
    }
  }

  private static void run(Path dir, String store, int workers, int n, int newTokens, int batch)
      throws Exception {
    try (LocalStandaloneCluster cluster =
        new LocalStandaloneCluster(dir.resolve("cluster-" + workers), workers)) {
      SparkSession s = cluster.session("bench-" + workers);
      try {
        iterations(s, store, workers, n, newTokens, batch, 2 * workers);
      } finally {
        s.stop();
      }
    }
  }

  /** Cold, new policy version, same version again; one CSV line each. */
  private static void iterations(SparkSession s, String store, int workers, int n, int newTokens,
      int batch, int partitions) {
    double loaded = 0;
    long[] versions = {0, 1, 1};
    for (int it = 0; it < versions.length; it++) {
      RolloutRequest req = new RolloutRequest(new ModelRef(store, Role.POLICY, versions[it]),
          new ModelRef(store, Role.REFERENCE, 0), 42, it, 1, batch, true, 1.0, 0, 1.0,
          newTokens, 257, 258);
      RolloutResult<Rollout> r = RolloutStageTest.stage(s).generate(req, prompts(n), partitions,
          TaskHook.NONE);
      System.out.printf(Locale.ROOT, "%d,%d,%d,%d,%.2f,%.1f,%d,%.2f%n", workers, it,
          versions[it], r.responseTokens(), r.seconds(), r.tokensPerSecond(), r.modelLoads(),
          r.modelLoadSeconds() - loaded);
      loaded = r.modelLoadSeconds();
    }
  }

  private static List<Prompt> prompts(int n) {
    List<Prompt> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] t = new int[8];
      t[0] = 256;
      for (int j = 1; j < t.length; j++) {
        t[j] = 'a' + (i * 7 + j) % 26;
      }
      out.add(new Prompt(i, t));
    }
    return out;
  }

  private static String arg(String[] args, int i, String dflt) {
    return args.length > i ? args[i] : dflt;
  }
}
