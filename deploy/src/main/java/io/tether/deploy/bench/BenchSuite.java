package io.tether.deploy.bench;

import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Runs the selected sections of the benchmark in one JVM, each against its baseline measured in
 * the same run, and returns the report. The square-matmul roofline is always measured, since the
 * utilisation figures are taken against it.
 */
public final class BenchSuite {
  private final BenchPlan plan;
  private final PrintWriter log;
  private final List<BenchRow> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public BenchSuite(BenchPlan plan, PrintWriter log) {
    this.plan = plan;
    this.log = log;
  }

  /** Runs the plan. */
  public BenchReport run() throws Exception {
    long t0 = System.nanoTime();
    MachineInfo machine = MachineInfo.current();
    warmUp();
    RooflineBench roofline = new RooflineBench();
    int n = plan.rooflineSize();
    double peak = roofline.peak(n, plan.quick());
    progress("roofline %dx%dx%d: %.1f GFLOP/s", n, n, n, peak);
    if (plan.runs(Section.ROOFLINE)) {
      add(roofline.shapes(plan, n, peak));
    }
    GenerationBench generation = new GenerationBench();
    if (plan.runs(Section.GENERATION)) {
      add(generation.run(plan, peak));
    }
    if (plan.runs(Section.OVERHEAD)) {
      add(new OverheadBench().run(plan, peak));
    }
    if (plan.runs(Section.LEARNER)) {
      add(new LearnerBench().run(plan, peak));
    }
    if (plan.runs(Section.SCORING)) {
      add(new ScoringBench().run(plan));
    }
    IterationBreakdown breakdown = plan.runDir() == null ? null
        : IterationBreakdown.read(plan.runDir());
    if (plan.runs(Section.TRANSFER)) {
      transfer(generation, breakdown);
    }
    if (plan.runs(Section.ITERATION)) {
      if (breakdown == null) {
        notes.add(IterationBreakdown.HOW_TO);
      } else {
        add(breakdown.rows());
      }
    }
    return new BenchReport(machine, rows, notes, (System.nanoTime() - t0) / 1e9);
  }

  /** Warms the JIT and the native library up so that the first section is not penalised. */
  private static void warmUp() {
    try (GptModel tiny = GptModel.create(ModelSpec.of(ModelPreset.TINY, 259, HeadKind.LM), 1)) {
      for (int i = 0; i < 3; i++) {
        GenerationThroughput.measure(tiny, ModelPreset.TINY, 8, 16, true);
        GenerationThroughput.measure(tiny, ModelPreset.TINY, 8, 4, false);
      }
    }
    MatmulRoofline.systemClock().measure(512, 512, 512, 5, 5);
  }

  private void transfer(GenerationBench generation, IterationBreakdown breakdown) {
    TransferBench transfer = new TransferBench();
    add(transfer.run(plan));
    if (breakdown != null) {
      add(List.of(transfer.share(breakdown.iterationSeconds(), "iteration_from_run_dir")));
      return;
    }
    OptionalDouble rollout = rolloutSeconds(generation);
    if (rollout.isPresent()) {
      add(List.of(transfer.share(rollout.getAsDouble(), "rollout_estimate")));
      notes.add("transfer share is against an estimate of the rollout stage alone (64 x 24 tokens"
          + " at the measured batch-32 (or largest) KV-cache rate): an upper bound on the share"
          + " of a whole iteration; give --run-dir for the real one");
    }
  }

  /** Seconds to sample one default iteration's tokens at the best-matching measured rate. */
  private OptionalDouble rolloutSeconds(GenerationBench generation) {
    ModelPreset preset = plan.presets().contains(ModelPreset.SMALL) ? ModelPreset.SMALL
        : plan.presets().isEmpty() ? null : plan.presets().get(0);
    int batch = plan.batches().contains(32) ? 32
        : plan.batches().stream().mapToInt(Integer::intValue).max().orElse(1);
    return generation.cached(preset, batch)
        .map(r -> OptionalDouble.of(TransferBench.ROLLOUTS * TransferBench.RESPONSE_TOKENS
            / r.tokensPerSecond()))
        .orElse(OptionalDouble.empty());
  }

  private void add(List<BenchRow> more) {
    for (BenchRow r : more) {
      rows.add(r);
      progress("%s | %s | %s = %.4g %s (%s %.4g, ratio %.3f)", r.section(), r.scenario(),
          r.metric(), r.value(), r.unit(), r.baseline(), r.baselineValue(), r.ratio());
    }
  }

  private void progress(String format, Object... args) {
    log.println(String.format(Locale.ROOT, format, args));
    log.flush();
  }
}
