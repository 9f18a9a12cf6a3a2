package io.tether.reward;

import io.tether.core.chat.ChatTemplate;
import io.tether.core.chat.ChatFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tether.core.config.BadLinePolicy;
import io.tether.core.data.DataFormatException;
import io.tether.core.data.JsonlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceFilesTest {
  @TempDir Path dir;

  @Test
  void bothLayoutsReadAndBadPairsAreNamedWithTheirLine() throws Exception {
    Path f = dir.resolve("prefs.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"chosen\": \"H: hi A: hello\", \"rejected\": \"H: hi A: go away\"}",
        "{\"prompt\": \"H: hi A:\", \"chosen\": \" yes\", \"rejected\": \" no\"}",
        "{\"chosen\": \"same\", \"rejected\": \"same\"}",
        "{\"chosen\": \"only chosen\"}"));
    JsonlReader.Result<PreferencePair> r =
        PreferenceFiles.read(new Configuration(), f.toString(), BadLinePolicy.SKIP);
    assertEquals(List.of(new PreferencePair("H: hi A: hello", "H: hi A: go away"),
        new PreferencePair("H: hi A: yes", "H: hi A: no")), r.records());
    assertEquals(List.of("file:" + f + ":3: \"chosen\" and \"rejected\" are the same text",
        "file:" + f + ":4: missing field \"rejected\""), r.firstErrors());
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> PreferenceFiles.read(new Configuration(), f.toString(), BadLinePolicy.FAIL));
    assertEquals("file:" + f + ":3: \"chosen\" and \"rejected\" are the same text"
        + " (data.bad_lines: skip to skip such lines)", e.getMessage());
  }

  @Test
  void writtenPairsReadBack() {
    Path f = dir.resolve("out/prefs.jsonl");
    List<PreferencePair> pairs = List.of(new PreferencePair("a \"quoted\"\nline", "b"));
    PreferenceFiles.write(f, pairs);
    assertEquals(pairs, PreferenceFiles.read(new Configuration(), f.toString(),
        BadLinePolicy.FAIL).records());
  }

  @Test
  void withAChatTemplateEachSideIsTheTemplatedPromptAndItsAnswer() throws Exception {
    ChatFormat chatMl = ChatFormat.of(new ChatTemplate("{% for m in messages %}{{ '<|im_start|>'"
        + " + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' }}{% endfor %}{% if"
        + " add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}", "", "", "t"));
    Path f = dir.resolve("prefs.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: hello\","
            + " \"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant: go away\"}",
        "{\"prompt\": \"\\n\\nHuman: hi\\n\\nAssistant:\", \"chosen\": \" yes\","
            + " \"rejected\": \" no\"}",
        "{\"prompt\": \"Rate it\", \"chosen\": \" 5\", \"rejected\": \" 1\"}"));
    String hi = "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n";
    String rate = "<|im_start|>user\nRate it<|im_end|>\n<|im_start|>assistant\n";
    assertEquals(List.of(new PreferencePair(hi + "hello", hi + "go away"),
        new PreferencePair(hi + "yes", hi + "no"), new PreferencePair(rate + "5", rate + "1")),
        PreferenceFiles.read(new Configuration(), f.toString(), BadLinePolicy.FAIL, chatMl)
            .records());
  }
}
