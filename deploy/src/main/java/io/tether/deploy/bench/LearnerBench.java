package io.tether.deploy.bench;

import io.tether.learner.bench.LearnerThroughput;
import java.util.List;
import java.util.Locale;

/**
 * Learner throughput through forward + backward + AdamW step, and utilisation (6 * matmul
 * parameters * tokens / time) against the matmul roofline at the model's training shape and
 * against the square roofline.
 */
final class LearnerBench {

  List<BenchRow> run(BenchPlan plan, double peak) {
    int batch = plan.quick() ? 4 : 16;
    int seqLen = plan.quick() ? 32 : 128;
    var r = LearnerThroughput.measure(plan.learnerPreset(), batch, seqLen, plan.quick() ? 2 : 5);
    String name = plan.learnerPreset().name().toLowerCase(Locale.ROOT) + " " + batch + "x" + seqLen;
    return List.of(
        new BenchRow(Section.LEARNER.label(), name, "tokens_per_s", r.tokensPerSecond(), "tok/s",
            "self", r.tokensPerSecond(), 1),
        BenchRow.vs(Section.LEARNER, name, "model_gflops", r.modelGflops(), "GFLOP/s",
            "roofline_at_shape", r.rooflineGflops()),
        BenchRow.vs(Section.LEARNER, name, "model_gflops", r.modelGflops(), "GFLOP/s",
            "roofline", peak));
  }
}
