package io.tether.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads a {@link TetherConfig} from YAML plus {@code dotted.key=value} overrides.
 *
 * <p>Steps: read the YAML with positions; check it against the record tree (unknown keys, kinds
 * of values); merge it onto the tree of {@link TetherConfig#defaults()}; apply the overrides in
 * order; bind the records, whose constructors check ranges; check the resolved model shape. Every
 * failure is a {@link ConfigException} whose message starts with the source name. Thread-safe.
 */
public final class ConfigLoader {
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  private ConfigLoader() {}

  /**
   * Reads {@code file} (UTF-8 YAML) and applies {@code overrides} on top.
   *
   * @param file the YAML file; its path is the source name in error messages
   * @param overrides {@code dotted.key=value} strings, applied in order
   * @throws ConfigException when the file cannot be read or the config is invalid
   */
  public static TetherConfig load(Path file, List<String> overrides) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", file + ": config file not found", e);
    } catch (IOException e) {
      throw new ConfigException("", file + ": cannot read config file: " + e.getMessage(), e);
    }
    return parse(yaml, file.toString(), overrides);
  }

  /**
   * Parses YAML text and applies {@code overrides} on top. An empty text gives the defaults.
   *
   * @param yaml the YAML document
   * @param sourceName how error messages name the source, usually a file path
   * @param overrides {@code dotted.key=value} strings, applied in order
   * @throws ConfigException when the config is invalid
   */
  public static TetherConfig parse(String yaml, String sourceName, List<String> overrides) {
    Origins origins = new Origins(sourceName);
    ObjectNode fromFile = new TreeChecker(origins).check(YamlReader.read(yaml, origins));
    ObjectNode tree = MAPPER.valueToTree(TetherConfig.defaults());
    merge(tree, fromFile);
    new Overrides(origins).apply(tree, overrides);
    TetherConfig config = bind(tree, origins);
    resolveModel(config, origins);
    return config;
  }

  /** The full effective config as YAML, every key included; {@link #parse} reads it back. */
  public static String toYaml(TetherConfig config) {
    try {
      return MAPPER.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config as YAML", e);
    }
  }

  /** {@code value} as the tree the loader binds from (snake_case keys, lower-case enums). */
  static ObjectNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  private static void merge(ObjectNode target, ObjectNode source) {
    for (Map.Entry<String, JsonNode> field : source.properties()) {
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode object && field.getValue() instanceof ObjectNode child) {
        merge(object, child);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static TetherConfig bind(ObjectNode tree, Origins origins) {
    try {
      return MAPPER.treeToValue(tree, TetherConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      ConfigException cause = findConfigException(e);
      if (cause == null) {
        throw new ConfigException("", origins.source() + ": cannot build the config: "
            + e.getClass().getSimpleName(), e);
      }
      throw located(cause, origins);
    }
  }

  private static void resolveModel(TetherConfig config, Origins origins) {
    try {
      config.model().resolve();
    } catch (ConfigException e) {
      List<String> suspects = List.of(e.key(), "model.d_model", "model.n_head");
      throw new ConfigException(
          e.key(), origins.locateFirstSet(suspects) + ": " + e.getMessage(), e);
    }
  }

  private static ConfigException located(ConfigException e, Origins origins) {
    return new ConfigException(
        e.key(), origins.locate(e.key(), false) + ": " + e.getMessage(), e);
  }

  private static ConfigException findConfigException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException config) {
        return config;
      }
    }
    return null;
  }
}
