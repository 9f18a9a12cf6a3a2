package io.tether.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tether.core.config.ConfigSchema.FreeMap;
import io.tether.core.config.ConfigSchema.Node;
import io.tether.core.config.ConfigSchema.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies {@code dotted.key=value} overrides to a config tree. The value is read as one YAML
 * scalar. Under a free-form map ({@code spark.conf}) the rest of the key is one map key, so
 * {@code spark.conf.spark.ui.enabled=false} sets the Spark setting {@code spark.ui.enabled}.
 */
final class Overrides {
  private static final Pattern KEY = Pattern.compile("[^.\\s=]+(\\.[^.\\s=]+)*");

  private final Origins origins;

  Overrides(Origins origins) {
    this.origins = origins;
  }

  /** Where an override lands: the key path, its segments in the tree, its schema node. */
  private record Target(String path, List<String> segments, Node schema) {}

  /** Sets each override, in order, in {@code tree} (a complete config tree). */
  void apply(ObjectNode tree, List<String> overrides) {
    for (String text : overrides) {
      applyOne(tree, text);
    }
  }

  private void applyOne(ObjectNode tree, String text) {
    String where = origins.overrideLocation(text);
    int equals = text.indexOf('=');
    String key = equals < 0 ? "" : text.substring(0, equals).strip();
    if (!KEY.matcher(key).matches()) {
      throw new ConfigException(key, where + ": expected dotted.key=value");
    }
    Target target = resolve(key, where);
    JsonNode raw = scalar(text.substring(equals + 1), target.path(), where);
    origins.override(target.path(), text);
    TreeChecker checker = new TreeChecker(origins);
    JsonNode value = target.schema() instanceof FreeMap
        ? checker.mapValue(target.path(), raw)
        : checker.node(target.schema(), raw);
    set(tree, target.segments(), value);
  }

  private Target resolve(String key, String where) {
    List<String> parts = Arrays.asList(key.split("\\."));
    Node node = ConfigSchema.ROOT;
    List<String> segments = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (node instanceof FreeMap) {
        segments.add(String.join(".", parts.subList(i, parts.size())));
        return new Target(key, segments, node);
      }
      if (node instanceof ConfigSchema.SectionList) {
        throw listError(node.path(), where);
      }
      if (!(node instanceof Section section)) {
        throw new ConfigException(key, where + ": " + key + ": unknown key ("
            + node.path() + " is a value, not a section)");
      }
      node = section.children().get(parts.get(i));
      if (node == null) {
        String path = ConfigSchema.join(section.path(), parts.get(i));
        throw new ConfigException(path, where + ": " + path + ": "
            + UnknownKey.detail(section, parts.get(i)));
      }
      segments.add(parts.get(i));
    }
    return checkLeaf(new Target(key, segments, node), where);
  }

  private static Target checkLeaf(Target target, String where) {
    String path = target.path();
    if (target.schema() instanceof Section section) {
      throw new ConfigException(path, where + ": " + path
          + " is a section; override one of its keys: " + section.keys());
    }
    if (target.schema() instanceof FreeMap) {
      throw new ConfigException(path, where + ": " + path
          + " is a map; override one entry as " + path + ".<key>=<value>");
    }
    if (target.schema() instanceof ConfigSchema.SectionList) {
      throw listError(path, where);
    }
    return target;
  }

  private static ConfigException listError(String path, String where) {
    return new ConfigException(path, where + ": " + path
        + " is a list; write its entries in the YAML file (an override sets one value)");
  }

  private JsonNode scalar(String text, String path, String where) {
    Origins valueOrigins = new Origins(where);
    JsonNode node = YamlReader.read(text, valueOrigins);
    String raw = valueOrigins.rawScalar("");
    if (raw != null) {
      origins.rawScalar(path, raw);
    }
    if (node == null) {
      return TextNode.valueOf("");
    }
    if (node.isContainerNode()) {
      throw new ConfigException(path, where + ": " + path
          + ": expected a single value, got " + ValueKind.describe(node));
    }
    return node;
  }

  private static void set(ObjectNode tree, List<String> segments, JsonNode value) {
    ObjectNode parent = tree;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      parent = (ObjectNode) parent.get(segment);
    }
    parent.set(segments.get(segments.size() - 1), value);
  }
}
