package io.tether.reward.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.data.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A refresh round's comparisons as JSON Lines, one object per pair: {@code pair_id}, {@code
 * prompt}, {@code response_a}, {@code response_b}, {@code policy_version}.
 */
public final class ComparisonFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ComparisonFiles() {}

  /** Writes {@code pairs} atomically (temporary file, then move). */
  public static void write(Path file, List<Comparison> pairs) {
    StringBuilder out = new StringBuilder();
    for (Comparison c : pairs) {
      ObjectNode n = JSON.createObjectNode();
      n.put("pair_id", c.id());
      n.put("prompt", c.prompt());
      n.put("response_a", c.responseA());
      n.put("response_b", c.responseB());
      n.put("policy_version", c.policyVersion());
      out.append(n).append('\n');
    }
    AtomicFiles.writeString(file, out);
  }

  /** Reads the pairs of {@code file}; a bad line is an error naming the file and line. */
  public static List<Comparison> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the pairs: " + e.getMessage(), e);
    }
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        out.add(parse(lines.get(i), file + " line " + (i + 1)));
      }
    }
    return out;
  }

  private static Comparison parse(String line, String where) {
    try {
      JsonNode n = JSON.readTree(line);
      return new Comparison(text(n, "pair_id", where), text(n, "prompt", where),
          text(n, "response_a", where), text(n, "response_b", where),
          n.path("policy_version").asLong(-1));
    } catch (JsonProcessingException e) {
      throw new LabelFileException(List.of(where + ": not JSON: " + e.getOriginalMessage()));
    }
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new LabelFileException(List.of(where + ": \"" + field + "\" must be a string"));
    }
    return v.asText();
  }
}
