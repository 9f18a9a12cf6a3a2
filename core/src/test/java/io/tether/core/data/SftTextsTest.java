package io.tether.core.data;

import io.tether.core.chat.ChatTemplate;
import io.tether.core.chat.ChatFormat;
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
    assertEquals(List.of(file + ":4: no \"text\" field (nor \"messages\", nor an HH-RLHF"
        + " \"chosen\")",
        file + ":5: empty text"), r.firstErrors());
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> SftTexts.read(new Configuration(), f.toString(), BadLinePolicy.FAIL));
    assertEquals(file + ":4: no \"text\" field (nor \"messages\", nor an HH-RLHF \"chosen\")"
        + " (data.bad_lines: skip to skip such lines)", e.getMessage());
  }

  @Test
  void conversationsAreTheirPromptAndAnswerInTheRunsFormat() throws Exception {
    Path f = dir.resolve("chat.jsonl");
    Files.writeString(f, "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
        + " {\"role\": \"assistant\", \"content\": \"Hello.\"}]}\n"
        + "{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\"}\n");
    assertEquals(List.of("\n\nHuman: Hi\n\nAssistant: Hello.", "\n\nHuman: a\n\nAssistant: b"),
        SftTexts.read(new Configuration(), f.toString(), BadLinePolicy.FAIL).records());
    ChatFormat chat = ChatFormat.of(new ChatTemplate("{{ bos_token }}{% for m in messages %}"
        + "[{{ m['role'] }}]{{ m['content'] }}{{ eos_token }}{% endfor %}"
        + "{% if add_generation_prompt %}[assistant]{% endif %}", "<s>", "</s>", "t"));
    assertEquals(List.of("[user]Hi</s>[assistant]Hello.", "[user]a</s>[assistant]b"),
        SftTexts.read(new Configuration(), f.toString(), BadLinePolicy.FAIL, chat).records());
  }
}
