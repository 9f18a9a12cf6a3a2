package io.tether.deploy.bench;

import io.tether.core.model.ModelPreset;
import io.tether.core.tokenizer.Gpt2Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Learner throughput through forward + backward + AdamW step, and utilisation (6 * matmul
 * parameters * tokens / time) against the matmul roofline at the model's training shape and
 * against the square roofline; then a whole PPO update with the byte and the GPT-2 vocabulary.
 */
final class LearnerBench {

  List<BenchRow> run(BenchPlan plan, double peak) {
    int batch = plan.quick() ? 4 : 16;
    int seqLen = plan.quick() ? 32 : 128;
    var r = LearnerThroughput.measure(plan.learnerPreset(), batch, seqLen, plan.quick() ? 2 : 5);
    String name = plan.learnerPreset().name().toLowerCase(Locale.ROOT) + " " + batch + "x" + seqLen;
    List<BenchRow> rows = new ArrayList<>(List.of(
        new BenchRow(Section.LEARNER.label(), name, "tokens_per_s", r.tokensPerSecond(), "tok/s",
            "self", r.tokensPerSecond(), 1),
        BenchRow.vs(Section.LEARNER, name, "model_gflops", r.modelGflops(), "GFLOP/s",
            "roofline_at_shape", r.rooflineGflops()),
        BenchRow.vs(Section.LEARNER, name, "model_gflops", r.modelGflops(), "GFLOP/s",
            "roofline", peak)));
    rows.addAll(ppoUpdate(plan));
    return rows;
  }

  /**
   * One PPO update (policy + critic, two epochs) with the byte vocabulary, and the same with the
   * GPT-2 vocabulary against it: what the larger LM head costs the learner stage.
   */
  private static List<BenchRow> ppoUpdate(BenchPlan plan) {
    int n = plan.quick() ? 4 : 32;
    int prompt = plan.quick() ? 8 : 48;
    int response = plan.quick() ? 4 : 24;
    ModelPreset p = plan.learnerPreset();
    var bytes = PpoUpdateThroughput.measure(p, 259, n, prompt, response, 2);
    var bpe = PpoUpdateThroughput.measure(p, Gpt2Tokenizer.VOCAB_SIZE, n, prompt, response, 2);
    return List.of(
        new BenchRow(Section.LEARNER.label(), "ppo update " + bytes.scenario(), "tokens_per_s",
            bytes.tokensPerSecond(), "tok/s", "self", bytes.tokensPerSecond(), 1),
        BenchRow.vs(Section.LEARNER, "ppo update " + bpe.scenario(), "tokens_per_s",
            bpe.tokensPerSecond(), "tok/s", "ppo_update_v259", bytes.tokensPerSecond()));
  }
}
