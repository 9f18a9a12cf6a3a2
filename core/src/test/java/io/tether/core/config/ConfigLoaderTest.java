package io.tether.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.model.ModelPreset;
import io.tether.core.tokenizer.TokenizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

  private static TetherConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "run.yaml", List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{}", "# only a comment\n", "---\n", "run:\nspark:\n"})
  void emptyDocumentsGiveTheDefaults(String yaml) {
    assertEquals(TetherConfig.defaults(), parse(yaml));
  }

  @Test
  void defaultsHaveTheDocumentedValues() {
    TetherConfig c = TetherConfig.defaults();
    assertEquals("tether", c.run().name());
    assertEquals(42L, c.run().seed());
    assertEquals(20, c.run().iterations());
    assertEquals(PromptOverflow.TRUNCATE_LEFT, c.data().promptOverflow());
    assertEquals(0.1, c.data().heldoutFraction());
    assertEquals(ModelPreset.TINY, c.model().preset());
    assertEquals(TokenizerKind.BYTE, c.model().tokenizer());
    assertEquals(600, c.sft().steps());
    assertEquals(1e-3, c.sft().lr());
    assertEquals(32, c.rollout().maxNewTokens());
    assertEquals(8815, c.reward().port());
    assertEquals(2000, c.reward().train().pairs());
    assertEquals(0.95, c.learner().ppo().gaeLambda());
    assertEquals(0.2, c.learner().ppo().clipRange());
    assertEquals(KlControllerKind.ADAPTIVE, c.learner().kl().controller());
    assertEquals(6.0, c.learner().kl().target());
    assertEquals(10000, c.learner().kl().horizon());
    assertEquals(0.95, c.learner().optimizer().beta2());
    assertEquals("local[*]", c.spark().master());
    assertEquals(Map.of(), c.spark().conf());
  }

  @Test
  void partialFileChangesOnlyWhatItNames() {
    TetherConfig c = parse(String.join("\n",
        "run:",
        "  seed: 7",
        "rollout:",
        "  batch_size: 8",
        "learner:",
        "  ppo:",
        "    lambda: 0.9",
        "spark:",
        "  conf:",
        "    spark.ui.enabled: false",
        "    spark.sql.shuffle.partitions: 4",
        ""));
    TetherConfig d = TetherConfig.defaults();
    RunConfig r = d.run();
    assertEquals(new RunConfig(r.name(), 7L, r.dir(), r.checkpointDir(), r.iterations(), r.checkpointEvery(),
        r.keepCheckpoints()), c.run());
    assertEquals(8, c.rollout().batchSize());
    assertEquals(d.rollout().maxNewTokens(), c.rollout().maxNewTokens());
    assertEquals(0.9, c.learner().ppo().gaeLambda());
    assertEquals(d.learner().ppo().clipRange(), c.learner().ppo().clipRange());
    assertEquals(d.learner().kl(), c.learner().kl());
    assertEquals(Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "4"),
        c.spark().conf());
    assertEquals(d.data(), c.data());
    assertEquals(d.model(), c.model());
    assertEquals(d.reward(), c.reward());
  }

  @Test
  void yamlNumberFormsAreAccepted() {
    TetherConfig c = parse("sft:\n  lr: 2e-4\nlearner:\n  optimizer:\n    lr: 3\n");
    assertEquals(2e-4, c.sft().lr());
    assertEquals(3.0, c.learner().optimizer().lr());
  }

  @Test
  void stringKeysTakeNumbersAsText() {
    TetherConfig c = parse("run:\n  name: 2024.1\nreward:\n  token: 12345\n");
    assertEquals("2024.1", c.run().name());
    assertEquals("12345", c.reward().token());
  }

  @Test
  void toYamlRoundTripsTheDefaults() {
    String yaml = ConfigLoader.toYaml(TetherConfig.defaults());
    assertEquals(TetherConfig.defaults(), parse(yaml));
    assertTrue(yaml.contains("lambda: 0.95"), yaml);
    assertTrue(yaml.contains("prompt_overflow: truncate_left"), yaml);
    assertTrue(yaml.contains("critic_init: reward_model"), yaml);
    assertFalse(yaml.contains("gae_lambda"), yaml);
  }

  @Test
  void toYamlRoundTripsAChangedConfigWithTrickyStrings() {
    TetherConfig d = TetherConfig.defaults();
    String[] tricky = {"false", "1e3", "", "null", "~", "Null", "yes", "on", "Off", "x: y",
        "#no comment", "a #b", "0x10", "1_000", ".inf", "[1]", "{a: 1}", "'q'", "\"dq\"", "-",
        "- x", "? x", "&a", "*a", "!t", "%x", "@x", "`x", " lead", "trail ", "two\nlines",
        "tab\t", "\u00e9\u2713\ud83d\ude00", "007", "1.0", "+1", "NaN"};
    Map<String, String> conf = new java.util.HashMap<>();
    for (int i = 0; i < tricky.length; i++) {
      conf.put("spark.k" + i, tricky[i]);
    }
    TetherConfig c = new TetherConfig(
        new RunConfig("007", -5L, "hdfs://nn:8020/runs/x", "", 3, 2, 1),
        new DataConfig("/tmp/c", TaskKind.FILES, "s3a://b/p.jsonl", PromptFormat.HH_RLHF,
            ChatTemplateMode.NONE, "s3a://b/sft.jsonl", "s3a://b/eval.jsonl", "true",
            BadLinePolicy.SKIP, PromptOverflow.REJECT, 0.25, "solution"),
        new ModelConfig(ModelPreset.BASE, TokenizerKind.GPT2, 64, 3, 4, 96, ModelDType.FLOAT64,
            "hdfs://nn/runs/a", 0),
        new SftConfig(0, 2, 32, 1e-8, 0),
        new RolloutConfig(3, 2, 1, 7, 0.7, 0, 1.0, false),
        d.reward(),
        new LearnerConfig(LearnerDevice.GPU, CriticInit.POLICY, AdvantageKind.GAE, true,
            new PpoConfig(1, 2, 3, 0.1, 0.5, 0.99, 0.0, 0.5, 0.01, 0.5, false),
            new KlConfig(KlControllerKind.FIXED, 0.0, 1.5, 7, KlEstimator.K3, KlPlacement.REWARD, 0.04),
            new OptimizerConfig(3e-6, 0.01, 0.0, 0.999, 1e-6, 10, LrSchedule.COSINE)),
        new EvalConfig(0, 3),
        new SparkConfig("yarn", "", "4g", 2, 8, conf));
    assertEquals(c, parse(ConfigLoader.toYaml(c)));
  }

  @Test
  void aRewardModelOfMoreBlocksThanThePolicyIsRefusedAtItsLine(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("layers.yaml");
    Files.writeString(file, "model:\n  preset: tiny\nreward:\n  train:\n    layers: 2\n");
    assertEquals(2, ConfigLoader.load(file, List.of()).reward().train().layers());
    assertEquals(0, TetherConfig.defaults().reward().train().layers());
    Files.writeString(file, "model:\n  preset: tiny\nreward:\n  train:\n    layers: 3\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertTrue(e.getMessage().startsWith(file + ":5:13: reward.train.layers is 3 but the policy"
        + " has 2 blocks"), e.getMessage());
    // model.n_layer decides over the preset
    assertEquals(3, ConfigLoader.load(file, List.of("model.n_layer=3")).reward().train()
        .layers());
  }

  @Test
  void anUncasedCorpusTokenizerIsOneKeyAndIsRefusedWithAFixedTokenizerAtItsLine(
      @TempDir Path dir) throws IOException {
    Path file = dir.resolve("uncased.yaml");
    Files.writeString(file, "model:\n  tokenizer: corpus\n  tokenizer_lowercase: true\n");
    assertTrue(ConfigLoader.load(file, List.of()).model().tokenizerLowercase());
    assertFalse(TetherConfig.defaults().model().tokenizerLowercase());
    Files.writeString(file, "model:\n  tokenizer: byte\n  tokenizer_lowercase: true\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertTrue(e.getMessage().startsWith(file + ":3:24: model.tokenizer_lowercase is true but"
        + " model.tokenizer is byte"), e.getMessage());
  }

  @Test
  void loadReadsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, "rollout:\n  max_new_tokens: 50\n");
    assertEquals(50, ConfigLoader.load(file, List.of()).rollout().maxNewTokens());
    Files.writeString(file, "rollout:\n  top_k: -1\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertEquals(file + ":2:10: rollout.top_k must be >= 0, got -1", e.getMessage());
    assertEquals("rollout.top_k", e.key());
  }

  @Test
  void truncatedSamplingIsRefusedForPpoNamingBothKeys(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, "rollout:\n  temperature: 0.7\n  top_k: 50\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertTrue(e.getMessage().startsWith(file + ":3:10: rollout.top_k is 50 and rollout.top_p is"
        + " 1.0: PPO rollouts must sample the full distribution"), e.getMessage());
    assertTrue(e.getMessage().endsWith("set rollout.top_k: 0 and rollout.top_p: 1.0, and use"
        + " rollout.temperature to sharpen sampling"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(file, List.of("rollout.top_k=0", "rollout.top_p=0.9")));
    assertEquals("rollout.top_p", e.key());
    assertTrue(e.getMessage().contains("rollout.top_k is 0 and rollout.top_p is 0.9"),
        e.getMessage());
  }

  @Test
  void loadOfAMissingFileIsAConfigException(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertEquals(file + ": config file not found", e.getMessage());
  }
}
