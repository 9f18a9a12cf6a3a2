package io.tether.rollout;

import io.tether.core.chat.ChatTemplate;
import io.tether.core.chat.ChatFormat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.Prompt;
import io.tether.core.config.BadLinePolicy;
import io.tether.core.config.PromptFormat;
import io.tether.core.config.PromptOverflow;
import io.tether.core.data.DataFormatException;
import io.tether.core.tokenizer.ByteTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSourceTest {
  private static final ByteTokenizer TOK = new ByteTokenizer();
  @TempDir Path dir;

  private PromptSource source(BadLinePolicy bad, PromptOverflow overflow, int max) {
    return new PromptSource(new Configuration(), TOK, bad, overflow, max);
  }

  @Test
  void jsonlPromptsGetBosAndIdsThatSurviveSkippedLines() throws Exception {
    Path f = dir.resolve("p.jsonl");
    Files.writeString(f, "{\"prompt\": \"Hi\"}\nnot json\n{\"prompt\": \"\"}\n{\"prompt\": \"Yo\"}\n");
    PromptSet s = source(BadLinePolicy.SKIP, PromptOverflow.REJECT, 50).read(f.toString(),
        PromptFormat.AUTO);
    assertEquals(2, s.prompts().size());
    assertEquals(new Prompt(0, new int[] {256, 'H', 'i'}), s.prompts().get(0));
    assertEquals(new Prompt(3, new int[] {256, 'Y', 'o'}), s.prompts().get(1));
    assertEquals(2, s.skipped());
    assertTrue(s.firstErrors().get(1).endsWith(":3: empty prompt"), s.firstErrors().toString());
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> source(BadLinePolicy.FAIL, PromptOverflow.REJECT, 50).read(f.toString(),
            PromptFormat.AUTO));
    assertTrue(e.getMessage().contains("p.jsonl:2:"), e.getMessage());
  }

  @Test
  void referenceAnswersComeFromTheConfiguredFieldAsTextOrNumber() throws Exception {
    Path f = dir.resolve("refs.jsonl");
    Files.writeString(f, "{\"prompt\": \"1+1=\", \"solution\": 2}\n"
        + "{\"prompt\": \"Hi\"}\n{\"prompt\": \"2+2=\", \"solution\": \" 4\"}\n"
        + "{\"prompt\": \"3+3=\", \"solution\": [6]}\n");
    PromptSource src = new PromptSource(new Configuration(), TOK, BadLinePolicy.SKIP,
        PromptOverflow.REJECT, 50, io.tether.core.chat.ChatFormat.PLAIN, "solution");
    PromptSet s = src.read(f.toString(), PromptFormat.AUTO);
    assertEquals(java.util.Arrays.asList("2", null, " 4"), s.references());
    assertTrue(s.firstErrors().get(0).endsWith(":4: field \"solution\" (the reference answer,"
        + " data.reference_field) must be a string or a number, got ARRAY"), s.firstErrors().get(0));
  }

  @Test
  void hhRlhfPromptIsTheTranscriptUpToTheLastAssistantTurn() throws Exception {
    Path f = dir.resolve("hh.jsonl");
    String chosen = "\\n\\nHuman: hi\\n\\nAssistant: hello\\n\\nHuman: joke?\\n\\nAssistant: no";
    Files.writeString(f, "{\"chosen\": \"" + chosen + "\", \"rejected\": \"x\"}\n");
    PromptSet s = source(BadLinePolicy.FAIL, PromptOverflow.REJECT, 200).read(f.toString(),
        PromptFormat.AUTO);
    String text = TOK.decode(s.prompts().get(0).promptTokens());
    assertEquals("\n\nHuman: hi\n\nAssistant: hello\n\nHuman: joke?\n\nAssistant:", text);
  }

  @Test
  void longPromptsAreCutFromTheLeftOrRejectedAndCounted() {
    List<String> texts = List.of("abcdefghij", "xyz");
    PromptSet cut = source(BadLinePolicy.FAIL, PromptOverflow.TRUNCATE_LEFT, 5).fromTexts(texts);
    assertArrayEquals(new int[] {256, 'g', 'h', 'i', 'j'}, cut.prompts().get(0).promptTokens());
    assertEquals(1, cut.truncated());
    PromptSet rej = source(BadLinePolicy.FAIL, PromptOverflow.REJECT, 5).fromTexts(texts);
    assertEquals(1, rej.prompts().size());
    assertEquals(1, rej.prompts().get(0).promptId());
    assertEquals(1, rej.rejected());
  }

  @Test
  void seedsAndPromptSamplesAreStableAndSpread() {
    assertEquals(Seeds.of(1, 2, 3, 4), Seeds.of(1, 2, 3, 4));
    Set<Long> seen = new HashSet<>();
    for (int p = 0; p < 100; p++) {
      for (int s = 0; s < 4; s++) {
        seen.add(Seeds.of(42, 7, p, s));
      }
    }
    assertEquals(400, seen.size());
    List<Prompt> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(new Prompt(i, new int[] {256}));
    }
    List<Prompt> a = PromptSampler.sample(all, 10, 42, 3);
    assertEquals(a, PromptSampler.sample(all, 10, 42, 3));
    assertEquals(10, new HashSet<>(a).size());
    assertTrue(!a.equals(PromptSampler.sample(all, 10, 42, 4)));
    assertEquals(50, PromptSampler.sample(all, 80, 42, 3).size());
  }

  /** ChatML written out by hand: each turn "<|im_start|>role\ncontent<|im_end|>\n". */
  private static final ChatFormat CHATML = ChatFormat.of(new ChatTemplate(
      "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content']"
          + " + '<|im_end|>\\n' }}{% endfor %}{% if add_generation_prompt %}"
          + "{{ '<|im_start|>assistant\\n' }}{% endif %}", "", "", "t"));

  @Test
  void conversationsBecomeTranscriptsOrTheModelsTemplate() throws Exception {
    Path f = dir.resolve("chat.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"messages\": [{\"role\": \"system\", \"content\": \"Be kind.\"},"
            + " {\"role\": \"user\", \"content\": \"Hi\"}]}",
        "{\"prompt\": [{\"role\": \"user\", \"content\": \"Q\"}, {\"role\": \"assistant\","
            + " \"content\": \"dropped\"}]}",
        "{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\\n\\nHuman: c\\n\\nAssistant: d\"}",
        "{\"prompt\": \"plain\"}",
        "{\"messages\": [{\"role\": \"user\"}]}"));
    List<String> plain = texts(new PromptSource(new Configuration(), TOK, BadLinePolicy.SKIP,
        PromptOverflow.REJECT, 500).read(f.toString(), PromptFormat.AUTO));
    assertEquals(List.of("\n\nHuman: Be kind.\n\nHuman: Hi\n\nAssistant:",
        "\n\nHuman: Q\n\nAssistant:", "\n\nHuman: a\n\nAssistant: b\n\nHuman: c\n\nAssistant:",
        "plain"), plain);
    PromptSet chat = new PromptSource(new Configuration(), TOK, BadLinePolicy.SKIP,
        PromptOverflow.REJECT, 500, CHATML).read(f.toString(), PromptFormat.AUTO);
    assertEquals(List.of(
        "<|im_start|>system\nBe kind.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
            + "<|im_start|>assistant\n",
        "<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n",
        "<|im_start|>user\na<|im_end|>\n<|im_start|>assistant\nb<|im_end|>\n<|im_start|>user\nc"
            + "<|im_end|>\n<|im_start|>assistant\n",
        "<|im_start|>user\nplain<|im_end|>\n<|im_start|>assistant\n"), texts(chat));
    assertEquals(1, chat.skipped());
    assertTrue(chat.firstErrors().get(0).endsWith(":5: \"messages\"[0] needs a string \"role\""
        + " and a string \"content\""), chat.firstErrors().toString());
  }

  private static List<String> texts(PromptSet s) {
    List<String> out = new ArrayList<>();
    for (Prompt p : s.prompts()) {
      assertEquals(TOK.bos(), p.promptTokens()[0]);
      out.add(TOK.decode(p.promptTokens()));
    }
    return out;
  }
}
