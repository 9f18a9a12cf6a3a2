package io.tether.deploy;

import io.tether.core.model.ModelPreset;
import io.tether.deploy.bench.BenchPlan;
import io.tether.deploy.bench.BenchReport;
import io.tether.deploy.bench.BenchSuite;
import io.tether.deploy.bench.Section;
import io.tether.core.djl.TorchThreads;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tether bench}: the benchmark suite; see {@link io.tether.deploy.bench}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Measure where the time goes against this machine's own limit, each figure with its"
          + " baseline from the same run: matmul roofline, generation (KV cache vs none; MFU"
          + " of whole calls and of decode steps, against the square roofline and the roofline"
          + " at the decode step's own shapes), per-op overhead, learner (training step and a"
          + " PPO update, byte vs GPT-2 vocabulary), reward scoring (embedded vs Flight), Arrow"
          + " transfer (vs Java serialization), iteration breakdown (from --run-dir).",
      "Each figure and its baseline are timed in turn (A B A B ...); bench.csv gives their"
          + " medians, ratio and spreads, and a row whose rounds spread widely or whose ratio is"
          + " impossible is marked UNRELIABLE instead of being printed as good.",
      "Full suite: under 10 minutes on 2 cores; --quick: under a minute."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", description = "Directory for bench.csv and bench.txt.")
  Path out = Path.of("bench-out");

  @Option(names = "--quick", description = "Smoke subset: tiny shapes and few tokens.")
  boolean quick;

  @Option(names = "--only", split = ",",
      description = "Sections to run (${COMPLETION-CANDIDATES}); all when not given.")
  List<Section> only;

  @Option(names = "--presets", split = ",",
      description = "Presets for generation and overhead; default tiny,small,base (quick: tiny).")
  List<ModelPreset> presets;

  @Option(names = "--batches", split = ",",
      description = "Generation batch sizes; default 1,8,32,64 (quick: 1,8).")
  List<Integer> batches;

  @Option(names = "--new-tokens",
      description = "Tokens per sequence with the KV cache (without: half, base a quarter);"
          + " default 24, the default task's response length (quick: 8).")
  Integer newTokens;

  @Option(names = "--learner-preset", description = "Model for the learner and scoring sections.")
  ModelPreset learnerPreset = ModelPreset.SMALL;

  @Option(names = "--threads",
      description = "PyTorch intra-op threads for the whole suite; PyTorch's default (one per"
          + " core) when not given.")
  Integer threads;

  @Option(names = "--run-dir",
      description = "Run directory whose metrics.csv gives the iteration breakdown.")
  Path runDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter log = spec.commandLine().getOut();
    BenchReport report = runBench(log);
    Files.createDirectories(out);
    report.write(out);
    log.println();
    log.print(report.text());
    log.println("tether: wrote " + out.resolve("bench.csv") + " and " + out.resolve("bench.txt"));
    log.flush();
    return 0;
  }

  /** Runs the suite as configured and returns its report (for tests). */
  BenchReport runBench(PrintWriter log) throws Exception {
    if (threads != null) {
      TorchThreads.set(threads);
    }
    return new BenchSuite(plan(), log).run();
  }

  BenchPlan plan() {
    EnumSet<Section> sections = only == null || only.isEmpty()
        ? EnumSet.allOf(Section.class) : EnumSet.copyOf(only);
    List<ModelPreset> p = presets != null ? presets
        : quick ? List.of(ModelPreset.TINY) : List.of(ModelPreset.values());
    List<Integer> b = batches != null ? batches : quick ? List.of(1, 8) : List.of(1, 8, 32, 64);
    int n = newTokens != null ? newTokens : quick ? 8 : 24;
    ModelPreset learner = quick ? ModelPreset.TINY : learnerPreset;
    return new BenchPlan(quick, sections, p, b, n, learner, runDir);
  }
}
