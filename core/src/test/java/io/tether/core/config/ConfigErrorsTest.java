package io.tether.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of config error, with the exact message the user sees. */
class ConfigErrorsTest {

  private static ConfigException fail(String yaml) {
    ConfigException e = assertThrows(
        ConfigException.class, () -> ConfigLoader.parse(yaml, "run.yaml", List.of()));
    assertTrue(e.getMessage().startsWith("run.yaml"), e.getMessage());
    assertFalse(e.getMessage().contains("jackson"), e.getMessage());
    return e;
  }

  @Test
  void aGroupBaselineWithOneSamplePerPromptNamesTheKey() {
    ConfigException e = fail("learner:\n  advantage: rloo\n");
    assertEquals("run.yaml: learner.advantage is rloo but"
        + " rollout.samples_per_prompt is 1; a group baseline compares the samples of one prompt,"
        + " so it needs at least 2", e.getMessage());
    assertEquals("rollout.samples_per_prompt", e.key());
    TetherConfig ok = ConfigLoader.parse("learner:\n  advantage: grpo\n  group_std: false\n"
        + "  kl:\n    in: loss\n    loss_coef: 0.1\nrollout:\n  samples_per_prompt: 4\n",
        "run.yaml", List.of());
    assertEquals(AdvantageKind.GRPO, ok.learner().advantage());
    assertFalse(ok.learner().groupStd());
    assertEquals(KlPlacement.LOSS, ok.learner().kl().placement());
    assertEquals(0.1, ok.learner().kl().startCoef());
  }

  @Test
  void rulesAreAListOfSectionsCheckedEntryByEntry() {
    TetherConfig ok = ConfigLoader.parse("reward:\n  mode: rule\n  rules:\n"
        + "    - {kind: exact_match, pattern: \"(\\\\d+)$\"}\n"
        + "    - kind: length_penalty\n      target: 8\n      weight: -0.5\n", "run.yaml",
        List.of());
    assertEquals(List.of(new RuleConfig(RuleKind.EXACT_MATCH, 1.0, "(\\d+)$", 0, ""),
        new RuleConfig(RuleKind.LENGTH_PENALTY, -0.5, "", 8, "")), ok.reward().rules());
    assertEquals("run.yaml:5:7: reward.rules[1].colour: unknown key; valid keys in"
        + " reward.rules[1]: [kind, weight, pattern, target, class]",
        fail("reward:\n  rules:\n    - kind: regex\n      pattern: x\n    - colour: red\n")
            .getMessage());
    ConfigException regex = fail("reward:\n  rules:\n    - kind: regex\n      pattern: \"(\"\n");
    assertEquals("reward.rules[0].pattern", regex.key());
    assertTrue(regex.getMessage().contains("is not a valid regular expression"),
        regex.getMessage());
    assertEquals("reward.rules[0].target",
        fail("reward:\n  rules:\n    - kind: length_penalty\n").key());
    assertEquals("reward.rules",
        fail("reward:\n  mode: rule\n").key());
    assertEquals("reward.rules", fail("reward:\n  rules: exact_match\n").key());
    ConfigException set = assertThrows(ConfigException.class, () -> ConfigLoader.parse("",
        "run.yaml", List.of("reward.rules=x")));
    assertEquals("run.yaml: override \"reward.rules=x\": reward.rules is a list; write its"
        + " entries in the YAML file (an override sets one value)", set.getMessage());
  }

  @Test
  void unknownKeyNearAValidOneSuggestsIt() {
    ConfigException e = fail("run:\n  seed: 1\n  sed: 1\n");
    assertEquals("run.yaml:3:3: run.sed: unknown key; did you mean run.seed?", e.getMessage());
    assertEquals("run.sed", e.key());
  }

  @Test
  void unknownKeyInCamelCaseSuggestsTheSnakeCaseKey() {
    assertEquals("run.yaml:3:5: learner.ppo.clipRange: unknown key; "
            + "did you mean learner.ppo.clip_range?",
        fail("learner:\n  ppo:\n    clipRange: 0.1\n").getMessage());
  }

  @Test
  void unknownKeyFarFromAnyListsTheSectionsKeys() {
    assertEquals("run.yaml:2:3: run.colour: unknown key; valid keys in run: [name, seed, dir, "
            + "checkpoint_dir, iterations, checkpoint_every, keep_checkpoints]",
        fail("run:\n  colour: red\n").getMessage());
  }

  @Test
  void unknownSectionSuggestsTheClosestSection() {
    assertEquals("run.yaml:2:1: rolout: unknown key; did you mean rollout?",
        fail("run: {}\nrolout:\n  batch_size: 2\n").getMessage());
  }

  @Test
  void wrongScalarTypeNamesKeyValueAndPosition() {
    ConfigException e = fail("rollout:\n  batch_size: sixteen\n");
    assertEquals(
        "run.yaml:2:15: rollout.batch_size: expected an integer, got \"sixteen\"", e.getMessage());
    assertEquals("rollout.batch_size", e.key());
  }

  @Test
  void otherWrongTypes() {
    assertEquals("run.yaml:2:15: rollout.batch_size: expected an integer, got 16.5",
        fail("rollout:\n  batch_size: 16.5\n").getMessage());
    assertEquals("run.yaml:2:15: rollout.batch_size: expected an integer in 32-bit range, "
        + "got 99999999999", fail("rollout:\n  batch_size: 99999999999\n").getMessage());
    assertEquals("run.yaml:2:9: run.seed: expected an integer, got \"42\"",
        fail("run:\n  seed: \"42\"\n").getMessage());
    assertEquals("run.yaml:2:8: run.seed: expected an integer, got null",
        fail("run:\n  seed:\n").getMessage());
    assertEquals("run.yaml:2:13: rollout.kv_cache: expected true or false, got \"maybe\"",
        fail("rollout:\n  kv_cache: maybe\n").getMessage());
    assertEquals("run.yaml:2:16: rollout.temperature: expected a number, got \".inf\"",
        fail("rollout:\n  temperature: .inf\n").getMessage());
    assertEquals("run.yaml:3:5: run.seed: expected an integer, got a mapping",
        fail("run:\n  seed:\n    x: 1\n").getMessage());
  }

  @Test
  void wrongEnumValueListsTheAllowedValues() {
    assertEquals("run.yaml:2:18: data.prompt_format: expected one of "
            + "[auto, jsonl, hh_rlhf, parquet], got \"csv\"",
        fail("data:\n  prompt_format: csv\n").getMessage());
    assertEquals("run.yaml:2:11: model.preset: expected one of [tiny, small, base], got \"TINY\"",
        fail("model:\n  preset: TINY\n").getMessage());
  }

  @Test
  void outOfRangeNamesTheFullKeyAndValue() {
    ConfigException e = fail("learner:\n  ppo:\n    clip_range: 1.5\n");
    assertEquals(
        "run.yaml:3:17: learner.ppo.clip_range must be in (0, 1), got 1.5", e.getMessage());
    assertEquals("learner.ppo.clip_range", e.key());
    assertEquals("run.yaml:2:9: run.name must match [A-Za-z0-9._-]+, got \"a b\"",
        fail("run:\n  name: a b\n").getMessage());
    assertEquals("run.yaml:2:9: reward.port must be in [1, 65535], got 70000",
        fail("reward:\n  port: 70000\n").getMessage());
  }

  @Test
  void sectionGivenAsScalar() {
    ConfigException e = fail("rollout: 5\n");
    assertEquals("run.yaml:1:10: rollout: expected a section (a mapping with keys "
        + "[prompts_per_iteration, samples_per_prompt, batch_size, max_new_tokens, temperature, "
        + "top_k, top_p, kv_cache]), got 5", e.getMessage());
    assertTrue(fail("learner:\n  kl: adaptive\n").getMessage()
        .startsWith("run.yaml:2:7: learner.kl: expected a section"));
    assertTrue(fail("- a\n- b\n").getMessage()
        .startsWith("run.yaml:1:1: (top level): expected a section"));
  }

  @Test
  void yamlSyntaxErrorHasLineAndColumn() {
    assertEquals("run.yaml:2:10: YAML syntax error: mapping values are not allowed here",
        fail("run:\n  seed: 1: 2\n").getMessage());
    assertTrue(fail("run:\n  name: \"open\n").getMessage()
        .matches("run\\.yaml:\\d+:\\d+: YAML syntax error: .+"));
  }

  @Test
  void duplicateKeyIsAnError() {
    assertEquals("run.yaml:3:3: run.seed: duplicate key",
        fail("run:\n  seed: 1\n  seed: 2\n").getMessage());
  }

  @Test
  void nestedSparkConfMappingExplainsDottedKeys() {
    assertEquals("run.yaml:4:7: spark.conf.spark: expected a string, number or boolean, got a "
            + "mapping (write a nested setting as one dotted key, e.g. spark.ui.enabled: false)",
        fail("spark:\n  conf:\n    spark:\n      ui: {enabled: false}\n").getMessage());
  }

  @Test
  void modelShapeIsCheckedAtLoadTime() {
    assertEquals("run.yaml:2:12: model.d_model (96) must be divisible by model.n_head (5)",
        fail("model:\n  d_model: 96\n  n_head: 5\n").getMessage());
  }
}
