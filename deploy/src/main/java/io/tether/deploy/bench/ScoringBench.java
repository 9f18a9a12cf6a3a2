package io.tether.deploy.bench;

import io.tether.core.model.ModelPreset;
import java.util.List;
import java.util.Locale;

/**
 * Reward-model scoring, sequences per second over Flight on 127.0.0.1 against embedded, the two
 * timed in turn on the same rollouts.
 */
final class ScoringBench {

  List<BenchRow> run(BenchPlan plan) throws InterruptedException {
    ModelPreset preset = plan.quick() ? ModelPreset.TINY : plan.learnerPreset();
    int n = plan.quick() ? 64 : 256;
    int batch = plan.quick() ? 16 : 32;
    Interleaved.Runs<Double, Double> runs;
    try (ScoringThroughput scoring = new ScoringThroughput(preset, n, batch)) {
      runs = plan.longRounds().run(scoring::flightSeconds, scoring::embeddedSeconds);
    }
    String name = preset.name().toLowerCase(Locale.ROOT) + " " + n + " seqs b" + batch;
    Sample embedded = runs.baseline(s -> n / s);
    return List.of(
        BenchRow.self(Section.SCORING, name + " embedded", "seq_per_s", "seq/s", embedded),
        BenchRow.of(Section.SCORING, name + " flight", "seq_per_s", "seq/s", "embedded",
            new Paired(runs.measured(s -> n / s), embedded), RatioBound.AT_MOST_ONE));
  }
}
