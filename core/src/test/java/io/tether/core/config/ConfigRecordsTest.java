package io.tether.core.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Range checks of the records' compact constructors, at and around each boundary. */
class ConfigRecordsTest {

  private static String error(Executable construct) {
    return assertThrows(ConfigException.class, construct).getMessage();
  }

  private static PpoConfig ppo(double clip, double gamma, double lambda) {
    return new PpoConfig(4, 16, 1, clip, 0.2, gamma, lambda, 0.1, 0.0, 1.0, true);
  }

  @Test
  void ppoIntervals() {
    assertEquals("learner.ppo.clip_range must be in (0, 1), got 1.5", error(() -> ppo(1.5, 1, 1)));
    assertEquals("learner.ppo.clip_range must be in (0, 1), got 0.0", error(() -> ppo(0, 1, 1)));
    assertDoesNotThrow(() -> ppo(0.2, 0, 1));
    assertEquals("learner.ppo.gamma must be in [0, 1], got -0.1", error(() -> ppo(0.2, -0.1, 1)));
    assertEquals("learner.ppo.lambda must be in [0, 1], got 1.01", error(() -> ppo(0.2, 1, 1.01)));
    assertEquals("learner.ppo.lambda must be in [0, 1], got NaN",
        error(() -> ppo(0.2, 1, Double.NaN)));
  }

  @Test
  void optimizerBetasExcludeOne() {
    assertDoesNotThrow(() -> new OptimizerConfig(1e-5, 0, 0, 0.999, 1e-8, 0, LrSchedule.LINEAR));
    assertEquals("learner.optimizer.beta2 must be in [0, 1), got 1.0", error(
        () -> new OptimizerConfig(1e-5, 0, 0.9, 1.0, 1e-8, 0, LrSchedule.LINEAR)));
    assertEquals("learner.optimizer.lr must be > 0, got 0.0", error(
        () -> new OptimizerConfig(0, 0, 0.9, 0.9, 1e-8, 0, LrSchedule.LINEAR)));
  }

  @Test
  void rolloutTopPExcludesZeroIncludesOne() {
    assertDoesNotThrow(() -> new RolloutConfig(1, 1, 1, 1, 0.5, 0, 1.0, true));
    assertEquals("rollout.top_p must be in (0, 1], got 0.0",
        error(() -> new RolloutConfig(1, 1, 1, 1, 0.5, 0, 0.0, true)));
    assertEquals("rollout.temperature must be > 0, got -1.0",
        error(() -> new RolloutConfig(1, 1, 1, 1, -1, 0, 1.0, true)));
  }

  @Test
  void rewardPortAndPairs() {
    RewardConfig d = RewardConfig.defaults();
    assertEquals("reward.port must be in [1, 65535], got 0", error(() -> new RewardConfig(
        d.mode(), "", "h", 0, "", "", "", 1, 0, true, 0, 0, 1, d.train(), d.rules(), "", 1.0, 0, 2, 1, 1.0, Labeller.SIMULATED, RefreshScale.CONTINUE)));
    assertDoesNotThrow(() -> new RewardConfig(
        d.mode(), "", "h", 65535, "", "", "", 1, 0, true, 0, 0, 1, d.train(), d.rules(), "", 1.0, 0, 2, 1, 1.0, Labeller.SIMULATED, RefreshScale.CONTINUE));
    assertEquals("reward.train.pairs must be >= 2, got 1",
        error(() -> new RewardTrainConfig(1, 1, 1e-3, 1, 1.0, RewardPooling.LAST, 1.0, 4, 0)));
    assertEquals("reward.train.embedding_lr_scale must be > 0, got 0.0",
        error(() -> new RewardTrainConfig(1, 1, 1e-3, 2, 1.0, RewardPooling.LAST, 0.0, 4, 0)));
    // a refresh's shorter training keeps every other setting
    assertEquals(new RewardTrainConfig(7, 32, 2e-3, 300, 0.5, RewardPooling.SUM, 10.0, 8, 2),
        new RewardTrainConfig(400, 32, 2e-3, 300, 0.5, RewardPooling.SUM, 10.0, 8, 2)
            .withSteps(7));
    assertEquals("reward.train.review_pairs must be >= 0, got -1",
        error(() -> new RewardTrainConfig(1, 1, 1e-3, 2, 1.0, RewardPooling.LAST, 1.0, -1, 0)));
    assertEquals("reward.train.layers must be >= 0, got -1",
        error(() -> new RewardTrainConfig(1, 1, 1e-3, 2, 1.0, RewardPooling.LAST, 1.0, 4, -1)));
    assertEquals("reward.refresh_every is 5 but reward.mode is remote: only a run's embedded"
        + " reward model can be refreshed; set reward.refresh_every: 0 or reward.mode: embedded",
        error(() -> new RewardConfig(RewardMode.REMOTE, "", "h", 1, "", "", "", 1, 0, true, 0, 0,
            1, d.train(), d.rules(), "", 1.0, 5, 2, 1, 1.0, Labeller.SIMULATED, RefreshScale.CONTINUE)));
    assertEquals("reward.refresh_keep_old must be in [0, 1], got 1.5", error(() -> new RewardConfig(
        d.mode(), "", "h", 1, "", "", "", 1, 0, true, 0, 0, 1, d.train(), d.rules(), "", 1.0, 1,
        2, 1, 1.5, Labeller.SIMULATED, RefreshScale.CONTINUE)));
    assertEquals("reward.score_clip must be >= 0, got -1.0", error(() -> new RewardConfig(
        d.mode(), "", "h", 1, "", "", "", 1, -1, true, 0, 0, 1, d.train(), d.rules(), "", 1.0, 0, 2, 1, 1.0, Labeller.SIMULATED, RefreshScale.CONTINUE)));
  }

  @Test
  void runNameAndDataFraction() {
    assertEquals("run.name must match [A-Za-z0-9._-]+, got \"\"",
        error(() -> new RunConfig("", 1, "", "", 1, 1, 1)));
    assertEquals("run.name must match [A-Za-z0-9._-]+, got \"a/b\"",
        error(() -> new RunConfig("a/b", 1, "", "", 1, 1, 1)));
    assertEquals("run.keep_checkpoints must be >= 1, got 0",
        error(() -> new RunConfig("x", 1, "", "", 1, 1, 0)));
    DataConfig d = DataConfig.defaults();
    assertEquals("data.heldout_fraction must be in (0, 1), got 1.0", error(() -> new DataConfig(
        "", d.task(), "", d.promptFormat(), d.chatTemplate(), "", "", "", d.badLines(), d.promptOverflow(), 1.0, "answer")));
    assertEquals("data.prompts must not be null", error(() -> new DataConfig(
        "", d.task(), null, d.promptFormat(), d.chatTemplate(), "", "", "", d.badLines(), d.promptOverflow(),
        0.5, "answer")));
  }

  @Test
  void klTargetAndHorizon() {
    assertEquals("learner.kl.target must be > 0, got 0.0", error(
        () -> new KlConfig(KlControllerKind.ADAPTIVE, 0.1, 0, 1, KlEstimator.K1, KlPlacement.REWARD, 0.04)));
    assertEquals("learner.kl.horizon must be >= 1, got 0", error(
        () -> new KlConfig(KlControllerKind.ADAPTIVE, 0.1, 6, 0, KlEstimator.K1, KlPlacement.REWARD, 0.04)));
  }

  @Test
  void sparkConfIsASortedUnmodifiableCopy() {
    Map<String, String> conf = new HashMap<>(Map.of("z", "1", "a", "2"));
    SparkConfig spark = new SparkConfig("local[2]", "t", "", 0, 0, conf);
    conf.put("b", "3");
    assertEquals(List.of("a", "z"), List.copyOf(spark.conf().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> spark.conf().put("c", "4"));
    assertEquals("spark.master must not be empty, got \"\"",
        error(() -> new SparkConfig("", "t", "", 0, 0, Map.of())));
    assertEquals("spark.partitions must be >= 0, got -1",
        error(() -> new SparkConfig("yarn", "t", "", 0, -1, Map.of())));
  }
}
