package io.tether.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tether.core.config.ConfigSchema.FreeMap;
import io.tether.core.config.ConfigSchema.Node;
import io.tether.core.config.ConfigSchema.Section;
import io.tether.core.config.ConfigSchema.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

  @Test
  void schemaKeysAreExactlyTheKeysJacksonWrites() throws Exception {
    JsonNode written = new YAMLMapper().readTree(ConfigLoader.toYaml(TetherConfig.defaults()));
    compare(ConfigSchema.ROOT, written);
  }

  private static void compare(Section section, JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    assertEquals(section.keys(), names, "keys of " + section.path());
    for (String key : names) {
      Node child = section.children().get(key);
      if (child instanceof Section s) {
        compare(s, node.get(key));
      } else if (child instanceof FreeMap) {
        assertEquals(0, node.get(key).size());
      } else if (child instanceof ConfigSchema.SectionList) {
        assertTrue(node.get(key).isArray() && node.get(key).isEmpty(), key);
      } else {
        assertInstanceOf(Value.class, child);
      }
    }
  }

  @Test
  void schemaKnowsKindsAndChoices() {
    Section learner = (Section) ConfigSchema.ROOT.children().get("learner");
    Section kl = (Section) learner.children().get("kl");
    assertEquals(new Value("learner.kl.estimator", ValueKind.CHOICE, List.of("k1", "k2", "k3")),
        kl.children().get("estimator"));
    Section ppo = (Section) learner.children().get("ppo");
    assertEquals(new Value("learner.ppo.lambda", ValueKind.DOUBLE, List.of()),
        ppo.children().get("lambda"));
    Section run = (Section) ConfigSchema.ROOT.children().get("run");
    assertEquals(ValueKind.LONG, ((Value) run.children().get("seed")).kind());
  }

  @Test
  void snakeCaseAndEditDistance() {
    assertEquals("checkpoint_every", ConfigSchema.snakeCase("checkpointEvery"));
    assertEquals("n_layer", ConfigSchema.snakeCase("nLayer"));
    assertEquals("beta1", ConfigSchema.snakeCase("beta1"));
    assertEquals(1, UnknownKey.distance("sed", "seed"));
    assertEquals(3, UnknownKey.distance("kitten", "sitting"));
    assertEquals(0, UnknownKey.distance("batch-size", "batch_size"));
  }
}
