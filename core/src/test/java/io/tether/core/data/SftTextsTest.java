package io.tether.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tether.core.config.BadLinePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SFT texts from {"text"} records or the chosen side of HH-RLHF, bad lines named. */
class SftTextsTest {
  @TempDir Path dir;

  @Test
  void textsAndChosenTranscriptsAreReadAndABadLineIsNamedByFileAndLine() throws Exception {
    Path f = dir.resolve("sft.jsonl");
    Files.writeString(f, "{\"text\": \"one\"}\n\n{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\","
        + " \"rejected\": \"x\"}\n{\"title\": \"no text\"}\n{\"text\": \"  \"}\n");
    JsonlReader.Result<String> r = SftTexts.read(new Configuration(), f.toString(),
        BadLinePolicy.SKIP);
    assertEquals(List.of("one", "\n\nHuman: a\n\nAssistant: b"), r.records());
    assertEquals(2, r.skipped());
    String file = "file:" + f;
    assertEquals(List.of(file + ":4: no \"text\" field (nor an HH-RLHF \"chosen\")",
        file + ":5: empty text"), r.firstErrors());
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> SftTexts.read(new Configuration(), f.toString(), BadLinePolicy.FAIL));
    assertEquals(file + ":4: no \"text\" field (nor an HH-RLHF \"chosen\")"
        + " (data.bad_lines: skip to skip such lines)", e.getMessage());
  }
}
