package io.tether.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tether.core.config.BadLinePolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {
  @TempDir Path dir;

  private static final JsonlReader.RecordMapper<String> PROMPT = o -> {
    String p = JsonlReader.requireText(o, "prompt");
    if (p.isBlank()) {
      throw new BadRecordException("empty prompt");
    }
    return p;
  };

  private Path write(String name, byte[] bytes) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  private Path write(String name, String text) throws Exception {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsRecordsInOrderAcrossFilesOfADirectory() throws Exception {
    write("b.jsonl", "{\"prompt\": \"third\"}\n");
    write("a.jsonl", "{\"prompt\": \"first\"}\n\n{\"prompt\": \"second\"}\n");
    write("_SUCCESS", "");
    JsonlReader.Result<String> r =
        new JsonlReader(new Configuration(), BadLinePolicy.FAIL).read(dir.toString(), PROMPT);
    assertEquals(List.of("first", "second", "third"), r.records());
    assertEquals(3, r.lines());
    assertEquals(0, r.skipped());
  }

  @Test
  void failNamesFileLineAndColumn() throws Exception {
    Path f = write("p.jsonl", "{\"prompt\": \"ok\"}\n{\"prompt\": oops}\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> new JsonlReader(new Configuration(), BadLinePolicy.FAIL).read(f.toString(), PROMPT));
    assertEquals("file:" + f + ":2:12: not valid JSON: Unrecognized token 'oops': was expecting"
        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        + " (data.bad_lines: skip to skip such lines)", e.getMessage());
  }

  @Test
  void skipCountsEveryKindOfBadLine() throws Exception {
    Path f = write("p.jsonl", String.join("\n",
        "{\"prompt\": \"good\"}",
        "[1, 2]",
        "{\"text\": \"no prompt\"}",
        "{\"prompt\": 7}",
        "{\"prompt\": \"  \"}",
        "{\"prompt\": \"also good\"}"));
    JsonlReader.Result<String> r =
        new JsonlReader(new Configuration(), BadLinePolicy.SKIP).read(f.toString(), PROMPT);
    assertEquals(List.of("good", "also good"), r.records());
    assertEquals(4, r.skipped());
    assertEquals(List.of(
        "file:" + f + ":2: expected a JSON object, got [1, 2]",
        "file:" + f + ":3: missing field \"prompt\"",
        "file:" + f + ":4: field \"prompt\" must be a string, got NUMBER",
        "file:" + f + ":5: empty prompt"), r.firstErrors());
  }

  @Test
  void nonUtf8IsReportedWithItsLine() throws Exception {
    byte[] bytes = "{\"prompt\": \"fine\"}\n{\"prompt\": \"bad \u0000\"}\n"
        .getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 4] = (byte) 0xC3; // a lead byte followed by an ASCII quote: malformed
    Path f = write("bad.jsonl", bytes);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> new JsonlReader(new Configuration(), BadLinePolicy.FAIL).read(f.toString(), PROMPT));
    assertEquals("file:" + f + ":2: not valid UTF-8 (data.bad_lines: skip to skip such lines)",
        e.getMessage());
    JsonlReader.Result<String> skipped =
        new JsonlReader(new Configuration(), BadLinePolicy.SKIP).read(f.toString(), PROMPT);
    assertEquals(List.of("fine"), skipped.records());
    assertEquals(1, skipped.skipped());
  }

  @Test
  void aMissingPathIsNamed() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> new JsonlReader(new Configuration(), BadLinePolicy.FAIL)
            .read(dir.resolve("nope.jsonl").toString(), PROMPT));
    assertEquals(dir.resolve("nope.jsonl") + ": no such file or directory", e.getMessage());
  }
}
