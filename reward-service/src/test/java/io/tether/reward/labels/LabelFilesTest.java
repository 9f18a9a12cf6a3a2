package io.tether.reward.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.reward.PreferencePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels in and out: the pairs file, the JSON Lines labels, Label Studio's import file and its
 * JSON export, and every problem a labels file can have, named by line or task.
 */
class LabelFilesTest {
  @TempDir Path dir;

  private static final List<Comparison> PAIRS = List.of(
      new Comparison("r001-0000", "The film was ", "great.", "awful.", 7),
      new Comparison("r001-0001", "It is \"quoted\"\n", "yes", "no", 7),
      new Comparison("r001-0002", "Food: ", "ok", "fine", 7));

  @Test
  void pairsRoundTripThroughTheirJsonLines() throws Exception {
    Path f = dir.resolve("pairs.jsonl");
    ComparisonFiles.write(f, PAIRS);
    assertEquals(PAIRS, ComparisonFiles.read(f));
    JsonNode first = new ObjectMapper().readTree(Files.readAllLines(f).get(0));
    assertEquals("r001-0000", first.get("pair_id").asText());
    assertEquals("awful.", first.get("response_b").asText());
    assertEquals(7, first.get("policy_version").asLong());
  }

  @Test
  void jsonLinesLabelsAreReadInPairOrderAndStatePreferences() throws Exception {
    Path f = dir.resolve("labels.jsonl");
    Files.writeString(f, "{\"pair_id\": \"r001-0002\", \"choice\": \"tie\"}\n\n"
        + "{\"pair_id\": \"r001-0000\", \"choice\": \"a\"}\n"
        + "{\"pair_id\": \"r001-0001\", \"choice\": \"b\"}\n");
    Map<String, Choice> c = LabelFiles.read(f, PAIRS);
    assertEquals(List.of("r001-0000", "r001-0001", "r001-0002"), List.copyOf(c.keySet()));
    assertEquals(List.of(Choice.A, Choice.B, Choice.TIE), List.copyOf(c.values()));
    assertEquals(new PreferencePair("The film was great.", "The film was awful."),
        PAIRS.get(0).preference(Choice.A).orElseThrow());
    assertEquals(new PreferencePair("It is \"quoted\"\nno", "It is \"quoted\"\nyes"),
        PAIRS.get(1).preference(Choice.B).orElseThrow());
    assertTrue(PAIRS.get(2).preference(Choice.TIE).isEmpty());
    Path again = dir.resolve("again.jsonl");
    LabelFiles.write(again, c);
    assertEquals(c, LabelFiles.read(again, PAIRS));
  }

  @Test
  void everyProblemOfALabelsFileIsALineNamingWhere() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"pair_id\": \"r001-0000\", \"choice\": \"a\"}\n"
        + "{\"pair_id\": \"r009-0000\", \"choice\": \"a\"}\n"
        + "{\"pair_id\": \"r001-0000\", \"choice\": \"b\"}\n");
    LabelFileException e = assertThrows(LabelFileException.class,
        () -> LabelFiles.read(f, PAIRS));
    assertEquals(List.of(
        f + " line 2: unknown pair id \"r009-0000\"",
        f + " line 3: pair \"r001-0000\" labelled twice (first at " + f + " line 1)",
        f + ": pair \"r001-0001\" has no label",
        f + ": pair \"r001-0002\" has no label"), e.problems());

    Files.writeString(f, "{\"pair_id\": \"r001-0000\", \"choice\": \"left\"}\nnot json\n"
        + "{\"choice\": \"a\"}\n");
    e = assertThrows(LabelFileException.class, () -> LabelFiles.read(f, PAIRS));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith(f + " line 1: \"choice\" must be \"a\", \"b\" or"
        + " \"tie\", got \"left\""), e.problems().get(0));
    assertTrue(e.problems().get(1).startsWith(f + " line 2: not a JSON object"),
        e.problems().get(1));
    assertEquals(f + " line 3: \"pair_id\" must be a string", e.problems().get(2));
  }

  @Test
  void labelStudioTasksCarryThePairsAndItsExportIsReadBack() throws Exception {
    Path tasks = dir.resolve("tasks.json");
    LabelStudio.writeTasks(tasks, PAIRS);
    ObjectMapper json = new ObjectMapper();
    JsonNode t = json.readTree(tasks.toFile());
    assertEquals(3, t.size());
    assertEquals("r001-0001", t.get(1).at("/data/pair_id").asText());
    assertEquals("It is \"quoted\"\n", t.get(1).at("/data/prompt").asText());
    assertEquals("yes", t.get(1).at("/data/text1").asText());
    assertEquals("no", t.get(1).at("/data/text2").asText());
    Path config = dir.resolve("config.xml");
    LabelStudio.writeConfig(config);
    String xml = Files.readString(config);
    assertTrue(xml.contains("<Pairwise name=\"pw\" toName=\"text1,text2\"/>")
        && xml.contains("value=\"$text1\"") && xml.contains("value=\"$text2\"")
        && xml.contains("value=\"$prompt\""), xml);

    // the export: each task as imported, with its annotations; the last annotation counts
    var export = (com.fasterxml.jackson.databind.node.ArrayNode) t;
    annotate(export.get(0), "right");
    annotate(export.get(0), "left");
    ((com.fasterxml.jackson.databind.node.ObjectNode) export.get(1))
        .putArray("annotations").addObject().put("was_cancelled", true).putArray("result");
    annotate(export.get(2), "right");
    Path f = dir.resolve("export.json");
    Files.writeString(f, export.toPrettyString());
    assertEquals(Map.of("r001-0000", Choice.A, "r001-0001", Choice.TIE, "r001-0002", Choice.B),
        LabelFiles.read(f, PAIRS));

    ((com.fasterxml.jackson.databind.node.ObjectNode) export.get(2)).putArray("annotations");
    ((com.fasterxml.jackson.databind.node.ObjectNode) export.get(1).get("data"))
        .remove("pair_id");
    Files.writeString(f, export.toPrettyString());
    LabelFileException e = assertThrows(LabelFileException.class,
        () -> LabelFiles.read(f, PAIRS));
    assertEquals(List.of(f + " task 2: no data.pair_id (was the task imported from Tether's"
        + " file?)"), e.problems());
  }

  @Test
  void aTruncatedExportIsNamedByLineAndColumn() throws Exception {
    Path f = dir.resolve("cut.json");
    Files.writeString(f, "[\n  {\"data\": {\"pair_id\": \"r001-0000\"}\n");
    LabelFileException e = assertThrows(LabelFileException.class,
        () -> LabelFiles.read(f, PAIRS));
    assertTrue(e.getMessage().startsWith(f + " line 3, column "), e.getMessage());
  }

  private static void annotate(JsonNode task, String selected) {
    var t = (com.fasterxml.jackson.databind.node.ObjectNode) task;
    var list = t.has("annotations") ? (com.fasterxml.jackson.databind.node.ArrayNode)
        t.get("annotations") : t.putArray("annotations");
    var result = list.addObject().put("was_cancelled", false).putArray("result").addObject();
    result.put("from_name", "pw").put("to_name", "text1,text2").put("type", "pairwise");
    result.putObject("value").put("selected", selected);
  }
}
