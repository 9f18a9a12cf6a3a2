package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/README.md against the code: every config key the loader knows is in the key table with
 * its default, the sizing table's parameter counts are the model's, and the stage timings and
 * output files it explains exist.
 */
class OperatorDocsTest {
  /** Keys the documentation must have even before this branch's config knows them. */
  static final List<String> EXTRA_KEYS = List.of("run.checkpoint_dir");

  /** The heading of the section that lists the config keys. */
  static final String CONFIG_SECTION = ConfigGuide.CONFIG_SECTION;

  private static final Path README = ManifestsTest.deployDir().resolve("README.md");

  @Test
  void everyConfigKeyIsDocumentedWithItsDefault() throws IOException {
    Map<String, JsonNode> defaults = configKeys();
    assertTrue(defaults.size() > 80, "expected the whole config tree, got " + defaults.keySet());
    Map<String, List<String>> rows = keyRows(Files.readAllLines(README));
    assertTrue(rows.size() > 80, "deploy/README.md: no key tables under " + CONFIG_SECTION);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : defaults.entrySet()) {
      List<String> row = rows.get(e.getKey());
      if (row == null) {
        problems.add(e.getKey() + ": no row `| `" + e.getKey() + "` | default | unit | ... |`");
      } else if (!sameDefault(e.getValue(), row.get(1))) {
        problems.add(e.getKey() + ": default column says " + row.get(1) + ", the code has "
            + e.getValue());
      } else if (row.size() < 4 || row.get(2).isBlank() || row.get(3).isBlank()) {
        problems.add(e.getKey() + ": unit or trade-off column empty");
      }
    }
    for (String key : EXTRA_KEYS) {
      if (!rows.containsKey(key)) {
        problems.add(key + ": no row in the key table");
      }
    }
    for (String key : rows.keySet()) {
      if (!defaults.containsKey(key) && !EXTRA_KEYS.contains(key)) {
        problems.add(key + ": documented but unknown to the config loader");
      }
    }
    if (!problems.isEmpty()) {
      fail("deploy/README.md config table is out of date:\n  " + String.join("\n  ", problems));
    }
  }

  @Test
  void sizingTableHasTheModelsParameterCounts() throws IOException {
    String doc = Files.readString(README);
    for (ModelPreset p : ModelPreset.values()) {
      long n = ModelSpec.of(p, ByteTokenizer.VOCAB_SIZE, HeadKind.LM).parameterCount();
      String cell = "| " + p.name().toLowerCase(Locale.ROOT) + " | "
          + String.format(Locale.ROOT, "%,d", n) + " |";
      assertTrue(doc.contains(cell), "deploy/README.md sizing table: no row starting " + cell);
    }
  }

  @Test
  void everyStageTimingAndOutputFileIsExplained() throws IOException, IllegalAccessException {
    String doc = Files.readString(README);
    for (Field f : MetricNames.class.getFields()) {
      if (f.getName().startsWith("TIME_") || f.getName().startsWith("TOKENS_PER_SECOND")) {
        String name = (String) f.get(null);
        assertTrue(doc.contains("`" + name + "`"), "deploy/README.md does not explain " + name);
      }
    }
    for (String file : List.of("metrics.csv", "metrics.parquet", "summary.json", "config.yaml",
        "setup.json", "rollouts/iter-NNNNNN.arrow", "reward_vs_sqrt_kl.png", "curves.png",
        "checkpoints/")) {
      assertTrue(doc.contains(file), "deploy/README.md does not say where " + file + " goes");
    }
  }

  /** Every leaf key of the full default config, as ConfigLoader writes it, with its value. */
  static Map<String, JsonNode> configKeys() throws IOException {
    JsonNode tree = new YAMLMapper().readTree(ConfigLoader.toYaml(TetherConfig.defaults()));
    Map<String, JsonNode> keys = new LinkedHashMap<>();
    walk("", tree, keys);
    return keys;
  }

  private static void walk(String path, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject() && node.size() > 0) {
      node.fields().forEachRemaining(e ->
          walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
    } else {
      out.put(path, node);
    }
  }

  /** The guide's key rows as lists of cells: key, default, unit, meaning. */
  private static Map<String, List<String>> keyRows(List<String> lines) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    ConfigGuide.rows(lines).forEach((k, r) ->
        rows.put(k, List.of(r.key(), r.defaultCell(), r.unit(), r.meaning())));
    return rows;
  }

  /** The default cell holds the value in backquotes: `42`, `3e-4`, `""`, `{}`, `[]`, `local[*]`. */
  static boolean sameDefault(JsonNode value, String cell) {
    int a = cell.indexOf('`');
    int b = cell.indexOf('`', a + 1);
    if (a < 0 || b < 0) {
      return false;
    }
    String doc = cell.substring(a + 1, b);
    if (value.isObject()) {
      return doc.equals("{}");
    }
    if (value.isArray()) {
      return doc.equals("[]");
    }
    String code = value.asText();
    if (code.isEmpty()) {
      return doc.equals("\"\"");
    }
    try {
      return Double.parseDouble(doc) == Double.parseDouble(code);
    } catch (NumberFormatException e) {
      return doc.equals(code);
    }
  }

  @Test
  void theDefaultComparisonCanFail() throws IOException {
    JsonNode v = new YAMLMapper().readTree("a: 3.0E-4\nb: \"\"\nc: auto");
    assertTrue(sameDefault(v.get("a"), "`3e-4`"));
    assertEquals(false, sameDefault(v.get("a"), "`1e-4`"));
    assertTrue(sameDefault(v.get("b"), "`\"\"` (none)"));
    assertEquals(false, sameDefault(v.get("c"), "`gpu`"));
    assertEquals(false, sameDefault(v.get("c"), "auto"));
  }
}
