package io.tether.rollout;

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
}
