package io.tether.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

  private static TetherConfig parse(String yaml, String... overrides) {
    return ConfigLoader.parse(yaml, "run.yaml", List.of(overrides));
  }

  private static String error(String yaml, String... overrides) {
    return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
  }

  @Test
  void overrideSetsANestedValue() {
    assertEquals(0.1, parse("", "learner.ppo.clip_range=0.1").learner().ppo().clipRange());
    assertEquals(0.9, parse("", "learner.ppo.lambda=0.9").learner().ppo().gaeLambda());
  }

  @Test
  void overrideWinsOverTheFileAndLaterOverridesWin() {
    String yaml = "rollout:\n  batch_size: 8\n  max_new_tokens: 5\n";
    TetherConfig c = parse(yaml, "rollout.batch_size=4", "rollout.batch_size=2");
    assertEquals(2, c.rollout().batchSize());
    assertEquals(5, c.rollout().maxNewTokens());
  }

  @Test
  void sparkConfOverrideTakesTheRestOfTheKeyAsOneMapKey() {
    String yaml = "spark:\n  conf:\n    spark.sql.shuffle.partitions: 4\n";
    TetherConfig c = parse(yaml,
        "spark.conf.spark.ui.enabled=false", "spark.conf.spark.executor.memoryOverhead=1e3");
    assertEquals(Map.of("spark.sql.shuffle.partitions", "4", "spark.ui.enabled", "false",
        "spark.executor.memoryOverhead", "1e3"), c.spark().conf());
  }

  @Test
  void overrideValuesAreYamlScalars() {
    TetherConfig c = parse("", "spark.master=local[2]", "run.name=123", "run.dir=",
        "data.prompts=hdfs://nn:8020/p.jsonl", "reward.token=\"a b\"", "rollout.kv_cache=false",
        "learner.kl.estimator=k3", "run.seed=-3");
    assertEquals("local[2]", c.spark().master());
    assertEquals("123", c.run().name());
    assertEquals("", c.run().dir());
    assertEquals("hdfs://nn:8020/p.jsonl", c.data().prompts());
    assertEquals("a b", c.reward().token());
    assertEquals(false, c.rollout().kvCache());
    assertEquals(KlEstimator.K3, c.learner().kl().estimator());
    assertEquals(-3L, c.run().seed());
  }

  @Test
  void unknownKeyInAnOverrideNamesTheOverride() {
    assertEquals("run.yaml: override \"learner.ppo.clip_rang=0.1\": learner.ppo.clip_rang: "
            + "unknown key; did you mean learner.ppo.clip_range?",
        error("", "learner.ppo.clip_rang=0.1"));
    assertEquals("run.yaml: override \"lerner.ppo.epochs=2\": lerner: unknown key; "
        + "did you mean learner?", error("", "lerner.ppo.epochs=2"));
    assertEquals("run.yaml: override \"run.seed.x=1\": run.seed.x: unknown key "
        + "(run.seed is a value, not a section)", error("", "run.seed.x=1"));
  }

  @Test
  void malformedOverridesAreErrors() {
    assertEquals("run.yaml: override \"learner.ppo.clip_range\": expected dotted.key=value",
        error("", "learner.ppo.clip_range"));
    assertEquals("run.yaml: override \"=1\": expected dotted.key=value", error("", "=1"));
    assertEquals("run.yaml: override \"run..seed=1\": expected dotted.key=value",
        error("", "run..seed=1"));
    assertEquals("run.yaml: override \"run.name=[a]\": run.name: expected a single value, "
        + "got a list", error("", "run.name=[a]"));
    assertTrue(error("", "run.name=\"open").startsWith(
        "run.yaml: override \"run.name=\\\"open\":1:"), error("", "run.name=\"open"));
  }

  @Test
  void overrideOfASectionOrTheWholeMapIsAnError() {
    assertEquals("run.yaml: override \"learner.kl=1\": learner.kl is a section; override one of "
        + "its keys: [controller, init_coef, target, horizon, estimator, in, loss_coef]",
        error("", "learner.kl=1"));
    assertEquals("run.yaml: override \"spark.conf=x\": spark.conf is a map; override one entry "
        + "as spark.conf.<key>=<value>", error("", "spark.conf=x"));
  }

  @Test
  void badOverrideValuesNameTheOverride() {
    assertEquals("run.yaml: override \"rollout.batch_size=sixteen\": rollout.batch_size: "
        + "expected an integer, got \"sixteen\"", error("", "rollout.batch_size=sixteen"));
    assertEquals("run.yaml: override \"learner.ppo.clip_range=1.5\": learner.ppo.clip_range "
        + "must be in (0, 1), got 1.5", error("", "learner.ppo.clip_range=1.5"));
    assertEquals("run.yaml: override \"model.n_head=5\": model.d_model (64) must be "
        + "divisible by model.n_head (5)", error("", "model.n_head=5"));
  }
}
