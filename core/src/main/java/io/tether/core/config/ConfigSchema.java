package io.tether.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of the YAML config, read once from the record classes: sections, typed values and
 * free-form maps, each with its dotted key path. Key names are the snake_case component names,
 * or the accessor's {@link JsonProperty} value where there is one.
 */
final class ConfigSchema {
  /** The root section, {@link TetherConfig}. */
  static final Section ROOT = section("", TetherConfig.class);

  private ConfigSchema() {}

  /** A node of the schema tree. */
  sealed interface Node permits Section, Value, FreeMap, SectionList {
    /** Dotted key path; empty for the root. */
    String path();
  }

  /** A record: a mapping with a fixed set of keys, in declaration order. */
  record Section(String path, Map<String, Node> children) implements Node {
    List<String> keys() {
      return List.copyOf(children.keySet());
    }
  }

  /** A scalar value of a given kind; {@code choices} lists the YAML values of an enum. */
  record Value(String path, ValueKind kind, List<String> choices) implements Node {}

  /** A {@code Map<String, String>}: any keys, scalar values kept as text. */
  record FreeMap(String path) implements Node {}

  /**
   * A {@code List} of records: a YAML sequence of mappings, each checked as a section whose path
   * is {@code path[i]}, keys it leaves out taking the element type's {@code defaults()}.
   */
  record SectionList(String path, Class<?> elementType) implements Node {
    /** The section of element {@code i}. */
    Section element(int i) {
      return section(path + "[" + i + "]", elementType);
    }

    /** The element type's defaults, from its static {@code defaults()}. */
    Object defaults() {
      try {
        return elementType.getMethod("defaults").invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(elementType + " has no static defaults()", e);
      }
    }
  }

  /** Joins a parent path and a key. */
  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  private static Section section(String path, Class<?> type) {
    Map<String, Node> children = new LinkedHashMap<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String key = yamlKey(component);
      children.put(key, node(join(path, key), component.getType(), component.getGenericType()));
    }
    return new Section(path, Collections.unmodifiableMap(children));
  }

  private static Node node(String path, Class<?> type, java.lang.reflect.Type generic) {
    if (type.isRecord()) {
      return section(path, type);
    }
    if (List.class.isAssignableFrom(type)
        && generic instanceof java.lang.reflect.ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
      return new SectionList(path, element);
    }
    if (Map.class.isAssignableFrom(type)) {
      return new FreeMap(path);
    }
    if (type.isEnum()) {
      return new Value(path, ValueKind.CHOICE, choices(type));
    }
    return new Value(path, ValueKind.of(type), List.of());
  }

  private static List<String> choices(Class<?> enumType) {
    List<String> names = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(names);
  }

  /** The YAML key of a record component, as Jackson's snake_case strategy names it. */
  static String yamlKey(RecordComponent component) {
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    if (property != null && !property.value().isEmpty()) {
      return property.value();
    }
    return snakeCase(component.getName());
  }

  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
