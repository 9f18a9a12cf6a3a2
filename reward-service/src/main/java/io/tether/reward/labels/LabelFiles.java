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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels of a refresh round's comparisons: read from JSON Lines ({@code {"pair_id": ...,
 * "choice": "a" | "b" | "tie"}}) or from Label Studio's JSON export (a file whose first
 * character is {@code [}), checked against the round's pairs, and written back as JSON Lines in
 * the pairs' order.
 */
public final class LabelFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelFiles() {}

  /**
   * The labels of {@code file}, every one checked against {@code pairs}: a line that is not a
   * label, an unknown pair id, a pair labelled twice and a pair left without a label are each a
   * line of the {@link LabelFileException}'s message.
   *
   * @return each pair's choice, in the order of {@code pairs}
   */
  public static Map<String, Choice> read(Path file, List<Comparison> pairs) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the labels: " + e.getMessage(), e);
    }
    List<Label> labels = text.stripLeading().startsWith("[")
        ? LabelStudio.labels(tree(text, file.toString()), file.toString())
        : jsonl(text, file.toString());
    return check(labels, pairs, file.toString());
  }

  /** Writes {@code choices} as JSON Lines, atomically. */
  public static void write(Path file, Map<String, Choice> choices) {
    StringBuilder out = new StringBuilder();
    choices.forEach((id, c) -> {
      ObjectNode n = JSON.createObjectNode();
      n.put("pair_id", id);
      n.put("choice", c.value());
      out.append(n).append('\n');
    });
    AtomicFiles.writeString(file, out);
  }

  static List<Label> jsonl(String text, String name) {
    List<Label> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String where = name + " line " + (i + 1);
      try {
        JsonNode n = JSON.readTree(lines[i]);
        JsonNode id = n.path("pair_id");
        Choice c = Choice.parse(n.path("choice").asText(""));
        if (!id.isTextual()) {
          problems.add(where + ": \"pair_id\" must be a string");
        } else if (c == null) {
          problems.add(where + ": \"choice\" must be \"a\", \"b\" or \"tie\", got "
              + n.path("choice"));
        } else {
          out.add(new Label(id.asText(), c, where));
        }
      } catch (JsonProcessingException e) {
        problems.add(where + ": not a JSON object: " + e.getOriginalMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new LabelFileException(problems);
    }
    return out;
  }

  private static Map<String, Choice> check(List<Label> labels, List<Comparison> pairs,
      String name) {
    Map<String, Label> byId = new HashMap<>();
    List<String> problems = new ArrayList<>();
    Map<String, Comparison> known = new HashMap<>();
    pairs.forEach(p -> known.put(p.id(), p));
    for (Label l : labels) {
      Label first = byId.putIfAbsent(l.pairId(), l);
      if (!known.containsKey(l.pairId())) {
        problems.add(l.where() + ": unknown pair id \"" + l.pairId() + "\"");
      } else if (first != null) {
        problems.add(l.where() + ": pair \"" + l.pairId() + "\" labelled twice (first at "
            + first.where() + ")");
      }
    }
    Map<String, Choice> out = new LinkedHashMap<>();
    for (Comparison p : pairs) {
      Label l = byId.get(p.id());
      if (l == null) {
        problems.add(name + ": pair \"" + p.id() + "\" has no label");
      } else {
        out.put(p.id(), l.choice());
      }
    }
    if (!problems.isEmpty()) {
      throw new LabelFileException(problems);
    }
    return out;
  }

  private static JsonNode tree(String text, String name) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new LabelFileException(List.of(name + " line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": not JSON: "
          + e.getOriginalMessage()));
    }
  }
}
