package io.tether.deploy.bench;

import io.tether.core.config.AdvantageKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.tokenizer.Gpt2Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Learner throughput through forward + backward + AdamW step, and utilisation (6 * matmul
 * parameters * tokens / time) against the matmul roofline at the model's training shape and
 * against the square roofline, timed in turn with the steps; then a whole PPO update with the
 * GPT-2 vocabulary against the same update with the byte vocabulary, the two in turn.
 */
final class LearnerBench {
  /** Optimizer steps timed per round. */
  private static final int STEPS = 2;

  List<BenchRow> run(BenchPlan plan) {
    List<BenchRow> rows = new ArrayList<>(training(plan));
    rows.addAll(ppoUpdate(plan));
    rows.addAll(advantages(plan));
    return rows;
  }

  /** Training steps of the learner preset against the rooflines at its shape and square. */
  private static List<BenchRow> training(BenchPlan plan) {
    int batch = plan.quick() ? 4 : 16;
    int seqLen = plan.quick() ? 32 : 128;
    String name = plan.learnerPreset().name().toLowerCase(Locale.ROOT) + " " + batch + "x"
        + seqLen;
    try (LearnerThroughput t = new LearnerThroughput(plan.learnerPreset(), batch, seqLen)) {
      t.seconds(1); // warm-up
      int d = t.spec().dModel();
      MatmulRoofline roofline = MatmulRoofline.systemClock();
      var runs = plan.longRounds().run(() -> t.seconds(STEPS), () -> Ceilings.measure(
          () -> roofline.measure(batch * seqLen, d, 4 * d, 1, 3).medianGflops(), plan));
      Sample gflops = runs.measured(s -> t.modelGflops(STEPS, s));
      return List.of(
          BenchRow.self(Section.LEARNER, name, "tokens_per_s", "tok/s",
              runs.measured(s -> t.tokensPerStep() * STEPS / s)),
          BenchRow.of(Section.LEARNER, name, "model_gflops", "GFLOP/s", "roofline_at_shape",
              new Paired(gflops, runs.baseline(Ceilings::atShape)), RatioBound.AT_MOST_ONE),
          BenchRow.of(Section.LEARNER, name, "model_gflops", "GFLOP/s", "roofline",
              new Paired(gflops, runs.baseline(Ceilings::square)), RatioBound.AT_MOST_ONE));
    }
  }

  /**
   * One update with {@code learner.advantage: grpo} (policy only: no critic values, value loss or
   * critic step) against the same update with {@code gae}, the same rollouts (groups of four),
   * the two in turn: what dropping the critic saves the learner stage.
   */
  private static List<BenchRow> advantages(BenchPlan plan) {
    int n = plan.quick() ? 8 : 32;
    int prompt = plan.quick() ? 8 : 48;
    int response = plan.quick() ? 4 : 24;
    ModelPreset p = plan.learnerPreset();
    try (var gae = new PpoUpdateThroughput(p, 259, n, prompt, response, 2, AdvantageKind.GAE);
        var grpo = new PpoUpdateThroughput(p, 259, n, prompt, response, 2, AdvantageKind.GRPO)) {
      gae.seconds(); // warm-up
      grpo.seconds();
      var runs = plan.longRounds().run(grpo::seconds, gae::seconds);
      Sample gaeRate = runs.baseline(s -> gae.tokensPerUpdate() / s);
      return List.of(
          BenchRow.self(Section.LEARNER, "learner " + gae.scenario() + " gae", "tokens_per_s",
              "tok/s", gaeRate),
          BenchRow.of(Section.LEARNER, "learner " + grpo.scenario(), "tokens_per_s", "tok/s",
              "learner_gae", new Paired(runs.measured(s -> grpo.tokensPerUpdate() / s), gaeRate),
              RatioBound.POSITIVE));
    }
  }

  /**
   * One PPO update (policy + critic, two epochs) with the byte vocabulary, and the same with the
   * GPT-2 vocabulary against it: what the larger LM head costs the learner stage.
   */
  private static List<BenchRow> ppoUpdate(BenchPlan plan) {
    int n = plan.quick() ? 4 : 16;
    int prompt = plan.quick() ? 8 : 48;
    int response = plan.quick() ? 4 : 24;
    ModelPreset p = plan.learnerPreset();
    try (var bytes = new PpoUpdateThroughput(p, 259, n, prompt, response, 2);
        var bpe = new PpoUpdateThroughput(p, Gpt2Tokenizer.VOCAB_SIZE, n, prompt, response, 2)) {
      bytes.seconds(); // warm-up
      bpe.seconds();
      var runs = plan.longRounds().run(bpe::seconds, bytes::seconds);
      Sample byteRate = runs.baseline(s -> bytes.tokensPerUpdate() / s);
      return List.of(
          BenchRow.self(Section.LEARNER, "ppo update " + bytes.scenario(), "tokens_per_s",
              "tok/s", byteRate),
          BenchRow.of(Section.LEARNER, "ppo update " + bpe.scenario(), "tokens_per_s", "tok/s",
              "ppo_update_v259", new Paired(runs.measured(s -> bpe.tokensPerUpdate() / s),
                  byteRate), RatioBound.POSITIVE));
    }
  }
}
