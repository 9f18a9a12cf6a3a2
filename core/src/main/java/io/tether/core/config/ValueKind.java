package io.tether.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The kinds of scalar a config value can be, and which YAML scalars each accepts. Nothing is
 * coerced, except that a string value accepts a number or boolean (taken as its source text).
 */
enum ValueKind {
  INT("an integer"),
  LONG("an integer"),
  DOUBLE("a number"),
  BOOLEAN("true or false"),
  STRING("a string"),
  CHOICE("one of the listed values");

  private final String expected;

  ValueKind(String expected) {
    this.expected = expected;
  }

  static ValueKind of(Class<?> type) {
    if (type == int.class) {
      return INT;
    } else if (type == long.class) {
      return LONG;
    } else if (type == double.class) {
      return DOUBLE;
    } else if (type == boolean.class) {
      return BOOLEAN;
    } else if (type == String.class) {
      return STRING;
    }
    throw new IllegalStateException("no config value kind for " + type);
  }

  /** Whether {@code node} is a value of this kind; {@code choices} are an enum's YAML values. */
  boolean accepts(JsonNode node, List<String> choices) {
    return switch (this) {
      case INT -> node.isIntegralNumber() && node.canConvertToInt();
      case LONG -> node.isIntegralNumber() && node.canConvertToLong();
      case DOUBLE -> node.isNumber() && Double.isFinite(node.doubleValue());
      case BOOLEAN -> node.isBoolean();
      case STRING -> node.isTextual() || node.isNumber() || node.isBoolean();
      case CHOICE -> node.isTextual() && choices.contains(node.textValue());
    };
  }

  /** The error detail for a node this kind does not accept: {@code expected ..., got ...}. */
  String mismatch(JsonNode node, List<String> choices) {
    String what = this == CHOICE ? "one of " + choices : expected;
    if ((this == INT || this == LONG) && node.isIntegralNumber()) {
      what += this == INT ? " in 32-bit range" : " in 64-bit range";
    }
    return "expected " + what + ", got " + describe(node);
  }

  /** A YAML node as an error message shows it: strings quoted, mappings and lists by name. */
  static String describe(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    } else if (node.isObject()) {
      return "a mapping";
    } else if (node.isArray()) {
      return "a list";
    } else if (node.isTextual()) {
      return Check.quote(node.textValue());
    }
    return node.asText();
  }
}
