package io.tether.deploy.bench;

import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs the selected sections of the benchmark in one JVM, each figure against its baseline
 * measured in turn with it ({@link Interleaved}), and returns the report.
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
    long t0 = Ticker.SYSTEM.nanos();
    MachineInfo machine = MachineInfo.current();
    warmUp();
    section(Section.ROOFLINE, () -> new RooflineBench().run(plan));
    GenerationBench generation = new GenerationBench();
    section(Section.GENERATION, () -> generation.run(plan));
    section(Section.OVERHEAD, () -> new OverheadBench().run(plan));
    section(Section.LEARNER, () -> new LearnerBench().run(plan));
    section(Section.SCORING, () -> new ScoringBench().run(plan));
    section(Section.HF_SHAPES, () -> new HfShapesBench().run(plan));
    IterationBreakdown breakdown = plan.runDir() == null ? null
        : IterationBreakdown.read(plan.runDir());
    section(Section.TRANSFER, () -> transfer(generation, breakdown));
    section(Section.ITERATION, () -> iteration(breakdown));
    long unreliable = rows.stream().filter(r -> !r.reliable()).count();
    if (unreliable > 0) {
      notes.add(unreliable + " of " + rows.size() + " rows UNRELIABLE: their rounds spread"
          + " widely (other work on the machine, or figures too short to time) or gave an"
          + " impossible ratio; rerun on an idle machine, or compare --threads 1");
    }
    return new BenchReport(machine, rows, notes, Ticker.SYSTEM.secondsSince(t0));
  }

  /** Warms the JIT and the native library up so that the first section is not penalised. */
  private static void warmUp() {
    try (GptModel tiny = GptModel.create(ModelSpec.of(ModelPreset.TINY, 259, HeadKind.LM), 1)) {
      for (int i = 0; i < 3; i++) {
        GenerationThroughput.measure(tiny, 8, 16, true);
        GenerationThroughput.measure(tiny, 8, 4, false);
      }
    }
    MatmulRoofline.systemClock().measure(512, 512, 512, 5, 5);
  }

  /** Runs {@code section} when the plan has it, and says how long it took. */
  private void section(Section section, Callable<List<BenchRow>> work) throws Exception {
    if (plan.runs(section)) {
      long t0 = Ticker.SYSTEM.nanos();
      add(work.call());
      progress("%s: %.1f s", section.label(), Ticker.SYSTEM.secondsSince(t0));
    }
  }

  private List<BenchRow> transfer(GenerationBench generation, IterationBreakdown breakdown) {
    TransferBench transfer = new TransferBench();
    List<BenchRow> out = new ArrayList<>(transfer.run(plan));
    if (breakdown != null) {
      out.add(transfer.share(Sample.exact(breakdown.iterationSeconds()),
          "iteration_from_run_dir"));
      return out;
    }
    Optional<Sample> rollout = rolloutSeconds(generation);
    if (rollout.isPresent()) {
      out.add(transfer.share(rollout.get(), "rollout_estimate"));
      notes.add("transfer share is against an estimate of the rollout stage alone (64 x 24 tokens"
          + " at the measured batch-32 (or largest) KV-cache rate): an upper bound on the share"
          + " of a whole iteration; give --run-dir for the real one");
    }
    return out;
  }

  private List<BenchRow> iteration(IterationBreakdown breakdown) {
    if (breakdown == null) {
      notes.add(IterationBreakdown.HOW_TO);
      return List.of();
    }
    return breakdown.rows();
  }

  /** Seconds to sample one default iteration's tokens at the best-matching measured rate. */
  private Optional<Sample> rolloutSeconds(GenerationBench generation) {
    ModelPreset preset = plan.presets().contains(ModelPreset.SMALL) ? ModelPreset.SMALL
        : plan.presets().isEmpty() ? null : plan.presets().get(0);
    int batch = plan.batches().contains(32) ? 32
        : plan.batches().stream().mapToInt(Integer::intValue).max().orElse(1);
    return generation.cached(preset, batch)
        .map(rate -> rate.map(r -> TransferBench.ROLLOUTS * TransferBench.RESPONSE_TOKENS / r));
  }

  private void add(List<BenchRow> more) {
    for (BenchRow r : more) {
      rows.add(r);
      progress("%s | %s | %s = %.4g %s (%s %.4g, ratio %s, spread %.2f)", r.section(),
          r.scenario(), r.metric(), r.value(), r.unit(), r.baseline(), r.baselineValue(),
          BenchReport.ratio(r), r.spread());
    }
  }

  private void progress(String format, Object... args) {
    log.println(String.format(Locale.ROOT, format, args));
    log.flush();
  }
}
