package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.tokenizer.ByteTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SFT and final samples are matched by prompt and sample slot, never by position. */
class SampleReportTest {
  private final ByteTokenizer tok = new ByteTokenizer();

  private ScoredRollout row(long prompt, int sample, String response, float score, Float gold) {
    int[] p = tok.encode("p" + prompt + ": ");
    int[] r = tok.encode(response);
    return new ScoredRollout(new Rollout(prompt, p, sample, 0, r, new float[r.length],
        new float[r.length], true), score, gold);
  }

  @Test
  void pairsFollowPromptAndSampleAndTheMarkdownShowsBothScores() {
    List<ScoredRollout> sft = List.of(row(1, 0, "meh", 0.1f, 0f), row(1, 1, "ok", 0.2f, 1f),
        row(2, 0, "bad", -1f, -3f));
    List<ScoredRollout> last = List.of(row(2, 0, "great", 1.5f, 3f), row(1, 1, "good", 0.9f, 3f),
        row(3, 0, "new prompt", 0f, 0f));
    List<SampleReport.Pair> pairs = SampleReport.pairs(sft, last, tok);
    assertEquals(2, pairs.size(), "prompt 3 has no SFT sample; prompt 1 slot 0 no final one");
    assertEquals("bad", pairs.get(0).sftText());
    assertEquals("great", pairs.get(0).lastText());
    assertEquals("p2: ", pairs.get(0).prompt());
    assertEquals("ok", pairs.get(1).sftText());
    assertEquals("good", pairs.get(1).lastText());
    String md = SampleReport.markdown(pairs, 9);
    assertTrue(md.contains("- SFT: `bad` — -1.000 / -3.0\n- final: `great` — 1.500 / 3.0"), md);
    assertTrue(md.contains("final policy (iteration 9)"), md);
  }
}
