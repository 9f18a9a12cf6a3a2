package io.tether.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/**
 * Reads one YAML document into a Jackson tree, recording in {@link Origins} the line and column
 * of every key and value, and the source text of numbers and booleans. Syntax errors and
 * duplicate keys become {@link ConfigException}s with a position.
 */
final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonParser parser;
  private final Origins origins;

  private YamlReader(JsonParser parser, Origins origins) {
    this.parser = parser;
    this.origins = origins;
  }

  /** The document's root node; {@code null} for an empty document. */
  static JsonNode read(String yaml, Origins origins) {
    try (JsonParser parser = FACTORY.createParser(yaml)) {
      return new YamlReader(parser, origins).document();
    } catch (JsonProcessingException e) {
      throw syntaxError(e, origins.source());
    } catch (IOException e) {
      throw new ConfigException("", origins.source() + ": cannot read YAML: " + e.getMessage(), e);
    }
  }

  private JsonNode document() throws IOException {
    if (parser.nextToken() == null) {
      return null;
    }
    JsonNode root = value("");
    if (parser.nextToken() != null) {
      throw new ConfigException("", here() + ": expected one YAML document, found more");
    }
    return root;
  }

  private JsonNode value(String path) throws IOException {
    origins.mark(path, false, line(), column());
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> object(path);
      case START_ARRAY -> array(path);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_TRUE, VALUE_FALSE -> bool(path, token == JsonToken.VALUE_TRUE);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(path);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new ConfigException(path, here() + ": unexpected YAML token " + token);
    };
  }

  private ObjectNode object(String path) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String child = ConfigSchema.join(path, key);
      origins.mark(child, true, line(), column());
      if (object.has(key)) {
        throw origins.keyError(child, true, "duplicate key");
      }
      parser.nextToken();
      object.set(key, value(child));
    }
    return object;
  }

  private ArrayNode array(String path) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(value(path + "[" + array.size() + "]"));
    }
    return array;
  }

  private JsonNode bool(String path, boolean value) throws IOException {
    origins.rawScalar(path, parser.getText());
    return NODES.booleanNode(value);
  }

  private JsonNode number(String path) throws IOException {
    String text = parser.getText();
    origins.rawScalar(path, text);
    try {
      return switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        case BIG_INTEGER -> NODES.numberNode(parser.getBigIntegerValue());
        default -> NODES.numberNode(parser.getDoubleValue());
      };
    } catch (JsonProcessingException e) {
      return NODES.textNode(text); // .inf, .nan: no config number accepts them; a string may
    }
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private int column() {
    return parser.currentTokenLocation().getColumnNr();
  }

  private String here() {
    return origins.source() + ":" + line() + ":" + column();
  }

  private static ConfigException syntaxError(JsonProcessingException e, String source) {
    JsonLocation at = e.getLocation();
    String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
    String detail = firstLine(e.getOriginalMessage());
    return new ConfigException("", where + ": YAML syntax error: " + detail, e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message.strip() : message.substring(0, newline).strip();
  }
}
