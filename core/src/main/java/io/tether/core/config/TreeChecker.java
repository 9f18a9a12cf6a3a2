package io.tether.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tether.core.config.ConfigSchema.FreeMap;
import io.tether.core.config.ConfigSchema.Node;
import io.tether.core.config.ConfigSchema.Section;
import io.tether.core.config.ConfigSchema.SectionList;
import io.tether.core.config.ConfigSchema.Value;
import java.util.Map;

/**
 * Checks a YAML tree against {@link ConfigSchema}: unknown keys, sections given as scalars, and
 * values of the wrong kind are errors; a section left empty ({@code rollout:}) means its
 * defaults. Returns a normalized copy holding only what the YAML sets.
 */
final class TreeChecker {
  private final Origins origins;

  TreeChecker(Origins origins) {
    this.origins = origins;
  }

  /** The checked tree; an empty document gives an empty object. */
  ObjectNode check(JsonNode root) {
    return section(ConfigSchema.ROOT, root);
  }

  JsonNode node(Node schema, JsonNode node) {
    if (schema instanceof Section section) {
      return section(section, node);
    } else if (schema instanceof FreeMap map) {
      return freeMap(map, node);
    } else if (schema instanceof SectionList list) {
      return list(list, node);
    }
    return value((Value) schema, node);
  }

  private ObjectNode section(Section section, JsonNode node) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw origins.keyError(section.path(), false, "expected a section (a mapping with keys "
          + section.keys() + "), got " + ValueKind.describe(node));
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      Node child = section.children().get(field.getKey());
      if (child == null) {
        String path = ConfigSchema.join(section.path(), field.getKey());
        throw origins.keyError(path, true, UnknownKey.detail(section, field.getKey()));
      }
      out.set(field.getKey(), node(child, field.getValue()));
    }
    return out;
  }

  /** Each element checked as its section, over the element type's defaults. */
  private ArrayNode list(SectionList list, JsonNode node) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw origins.keyError(list.path(), false, "expected a list (- key: value entries), got "
          + ValueKind.describe(node));
    }
    for (int i = 0; i < node.size(); i++) {
      ObjectNode element = ConfigLoader.tree(list.defaults());
      element.setAll(section(list.element(i), node.get(i)));
      out.add(element);
    }
    return out;
  }

  private ObjectNode freeMap(FreeMap map, JsonNode node) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw origins.keyError(map.path(), false,
          "expected a mapping of settings, got " + ValueKind.describe(node));
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String path = ConfigSchema.join(map.path(), field.getKey());
      out.set(field.getKey(), mapValue(path, field.getValue()));
    }
    return out;
  }

  /** One entry of a free-form map: any scalar, kept as its text. */
  JsonNode mapValue(String path, JsonNode node) {
    JsonNode text = text(path, node);
    if (text == null) {
      String hint = node.isObject()
          ? " (write a nested setting as one dotted key, e.g. spark.ui.enabled: false)"
          : "";
      throw origins.keyError(path, false,
          "expected a string, number or boolean, got " + ValueKind.describe(node) + hint);
    }
    return text;
  }

  private JsonNode value(Value value, JsonNode node) {
    if (!value.kind().accepts(node, value.choices())) {
      throw origins.keyError(value.path(), false, value.kind().mismatch(node, value.choices()));
    }
    return value.kind() == ValueKind.STRING ? text(value.path(), node) : node;
  }

  /** A string as it is; a number or boolean as its source text; {@code null} otherwise. */
  private JsonNode text(String path, JsonNode node) {
    if (node.isNumber() || node.isBoolean()) {
      String raw = origins.rawScalar(path);
      return TextNode.valueOf(raw != null ? raw : node.asText());
    }
    return node.isTextual() ? node : null;
  }
}
