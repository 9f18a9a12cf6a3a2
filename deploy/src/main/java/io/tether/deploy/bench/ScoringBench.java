package io.tether.deploy.bench;

import io.tether.core.model.ModelPreset;
import java.util.List;
import java.util.Locale;

/** Reward-model scoring, sequences per second over Flight on 127.0.0.1 against embedded. */
final class ScoringBench {

  List<BenchRow> run(BenchPlan plan) throws Exception {
    ModelPreset preset = plan.quick() ? ModelPreset.TINY : plan.learnerPreset();
    int n = plan.quick() ? 64 : 512;
    int batch = plan.quick() ? 16 : 32;
    var r = ScoringThroughput.measure(preset, n, batch);
    String name = preset.name().toLowerCase(Locale.ROOT) + " " + n + " seqs b" + batch;
    return List.of(
        new BenchRow(Section.SCORING.label(), name + " embedded", "seq_per_s",
            r.embeddedSeqPerSecond(), "seq/s", "self", r.embeddedSeqPerSecond(), 1),
        BenchRow.vs(Section.SCORING, name + " flight", "seq_per_s", r.flightSeqPerSecond(),
            "seq/s", "embedded", r.embeddedSeqPerSecond()));
  }
}
