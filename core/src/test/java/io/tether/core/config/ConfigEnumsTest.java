package io.tether.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tether.core.model.ModelPreset;
import io.tether.core.tokenizer.TokenizerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value of every enum key parses from its lower-case YAML name. */
class ConfigEnumsTest {

  private record EnumKey(String section, String key, Class<? extends Enum<?>> type,
      Function<TetherConfig, Object> read) {}

  private static final List<EnumKey> KEYS = List.of(
      new EnumKey("data", "prompt_format", PromptFormat.class, c -> c.data().promptFormat()),
      new EnumKey("data", "chat_template", ChatTemplateMode.class,
          c -> c.data().chatTemplate()),
      new EnumKey("data", "bad_lines", BadLinePolicy.class, c -> c.data().badLines()),
      new EnumKey("data", "prompt_overflow", PromptOverflow.class,
          c -> c.data().promptOverflow()),
      new EnumKey("model", "preset", ModelPreset.class, c -> c.model().preset()),
      new EnumKey("model", "tokenizer", TokenizerKind.class, c -> c.model().tokenizer()),
      new EnumKey("model", "dtype", ModelDType.class, c -> c.model().dtype()),
      new EnumKey("reward", "mode", RewardMode.class, c -> c.reward().mode()),
      new EnumKey("reward.train", "pooling", RewardPooling.class,
          c -> c.reward().train().pooling()),
      new EnumKey("learner", "device", LearnerDevice.class, c -> c.learner().device()),
      new EnumKey("learner", "critic_init", CriticInit.class, c -> c.learner().criticInit()),
      new EnumKey("learner.kl", "controller", KlControllerKind.class,
          c -> c.learner().kl().controller()),
      new EnumKey("learner.kl", "estimator", KlEstimator.class,
          c -> c.learner().kl().estimator()),
      new EnumKey("learner.kl", "in", KlPlacement.class, c -> c.learner().kl().placement()),
      new EnumKey("learner.optimizer", "schedule", LrSchedule.class,
          c -> c.learner().optimizer().schedule()));

  static Stream<Arguments> everyValue() {
    List<Arguments> cases = new ArrayList<>();
    for (EnumKey key : KEYS) {
      for (Enum<?> constant : key.type().getEnumConstants()) {
        if (constant == io.tether.core.tokenizer.TokenizerKind.PRETRAINED
            || constant == ChatTemplateMode.MODEL) {
          continue; // needs model.pretrained beside it: ModelConfigTest
        }
        if (constant == RewardMode.RULE) {
          continue; // needs reward.rules beside it: ConfigErrorsTest
        }
        cases.add(Arguments.of(key, constant));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("everyValue")
  void parsesFromFileAndOverride(EnumKey key, Enum<?> constant) {
    String name = constant.name().toLowerCase(Locale.ROOT);
    String yaml = yamlFor(key.section(), key.key() + ": " + name);
    assertEquals(constant, key.read().apply(ConfigLoader.parse(yaml, "t.yaml", List.of())));
    String override = key.section() + "." + key.key() + "=" + name;
    assertEquals(constant, key.read().apply(ConfigLoader.parse("", "t.yaml", List.of(override))));
  }

  private static String yamlFor(String section, String line) {
    StringBuilder yaml = new StringBuilder();
    String indent = "";
    for (String part : section.split("\\.")) {
      yaml.append(indent).append(part).append(":\n");
      indent += "  ";
    }
    return yaml.append(indent).append(line).append('\n').toString();
  }
}
