package io.tether.deploy.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code summary.json}: dotted keys such as {@code fit.slope} become nested objects ({@code
 * {"fit": {"slope": ...}}}); NaN and infinite numbers are written as null.
 */
public final class Summaries {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Summaries() {}

  /** Writes {@code values} (numbers, strings, booleans) under dotted keys into {@code file}. */
  public static void write(Map<String, Object> values, Path file) {
    ObjectNode root = JSON.createObjectNode();
    values.forEach((key, v) -> put(root, key, v));
    writeJson(root, file);
  }

  private static void put(ObjectNode root, String dotted, Object v) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
    }
    String leaf = parts[parts.length - 1];
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (n instanceof Integer || n instanceof Long) {
        node.put(leaf, n.longValue());
      } else if (Double.isFinite(d)) {
        node.put(leaf, d);
      } else {
        node.putNull(leaf);
      }
    } else if (v instanceof Boolean b) {
      node.put(leaf, b);
    } else if (v == null) {
      node.putNull(leaf);
    } else {
      node.put(leaf, v.toString());
    }
  }

  /** Writes a JSON tree atomically. */
  public static void writeJson(Object tree, Path file) {
    try {
      Plots.writeText(JSON.writeValueAsString(tree) + "\n", file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
