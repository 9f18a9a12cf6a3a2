package io.tether.reward.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.data.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Label Studio's pairwise-comparison project: the labelling config (a {@code Pairwise} control
 * over two {@code Text} objects, the prompt as header), the tasks to import ({@code [{"data":
 * {"pair_id", "prompt", "text1", "text2"}}]}) and the JSON export read back. In the export each
 * task keeps its {@code data}, and each of its {@code annotations} has a {@code result} whose
 * {@code pairwise} item's {@code value.selected} is {@code left} (text1, response a) or {@code
 * right} (text2, response b). An annotation the labeller skipped ({@code was_cancelled}) is a
 * tie; of several annotations of a task the last counts.
 */
public final class LabelStudio {
  /** The labelling config to paste into the project's settings. */
  public static final String CONFIG = """
      <View>
        <Header value="Which response to the prompt is better?"/>
        <Text name="prompt" value="$prompt"/>
        <Pairwise name="pw" toName="text1,text2"/>
        <Text name="text1" value="$text1"/>
        <Text name="text2" value="$text2"/>
      </View>
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelStudio() {}

  /** Writes the import file of {@code pairs} (JSON array of tasks), atomically. */
  public static void writeTasks(Path file, List<Comparison> pairs) {
    ArrayNode tasks = JSON.createArrayNode();
    for (Comparison c : pairs) {
      ObjectNode data = tasks.addObject().putObject("data");
      data.put("pair_id", c.id());
      data.put("prompt", c.prompt());
      data.put("text1", c.responseA());
      data.put("text2", c.responseB());
    }
    AtomicFiles.writeString(file, tasks.toPrettyString() + "\n");
  }

  /** Writes {@link #CONFIG}, atomically. */
  public static void writeConfig(Path file) {
    AtomicFiles.writeString(file, CONFIG);
  }

  /**
   * The labels of a parsed export; {@code name} names the file in messages. A task without a
   * {@code pair_id}, an annotation without a pairwise choice, and a task nobody annotated are
   * problems, one line each.
   */
  static List<Label> labels(JsonNode export, String name) {
    if (!export.isArray()) {
      throw new LabelFileException(List.of(name + ": a Label Studio JSON export is an array of"
          + " tasks"));
    }
    List<Label> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < export.size(); i++) {
      String where = name + " task " + (i + 1);
      JsonNode task = export.get(i);
      JsonNode id = task.path("data").path("pair_id");
      if (!id.isTextual()) {
        problems.add(where + ": no data.pair_id (was the task imported from Tether's file?)");
        continue;
      }
      JsonNode annotations = task.path("annotations");
      if (!annotations.isArray() || annotations.isEmpty()) {
        continue; // not labelled: reported as a missing pair
      }
      Choice c = choice(annotations.get(annotations.size() - 1));
      if (c == null) {
        problems.add(where + " (pair \"" + id.asText() + "\"): its last annotation has no"
            + " pairwise choice (value.selected left or right)");
      } else {
        out.add(new Label(id.asText(), c, where));
      }
    }
    if (!problems.isEmpty()) {
      throw new LabelFileException(problems);
    }
    return out;
  }

  private static Choice choice(JsonNode annotation) {
    if (annotation.path("was_cancelled").asBoolean(false)) {
      return Choice.TIE;
    }
    for (JsonNode r : annotation.path("result")) {
      String selected = r.path("value").path("selected").asText("");
      if (selected.equals("left")) {
        return Choice.A;
      }
      if (selected.equals("right")) {
        return Choice.B;
      }
    }
    return null;
  }
}
