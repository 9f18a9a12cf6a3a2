package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.Prompt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evaluation split: stable by content, the configured share, whatever the order. */
class TaskPromptsTest {
  @Test
  void theHeldOutSideDependsOnTheTokensOnlyAndHasTheConfiguredShare() {
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      prompts.add(new Prompt(i, new int[] {256, i % 97, i / 97, 7}));
    }
    Set<Long> held = new HashSet<>();
    for (Prompt p : prompts) {
      if (TaskPrompts.isHeldOut(p, 0.1)) {
        held.add(p.promptId());
      }
    }
    assertEquals(400, held.size(), 60, "about 10% held out");
    for (Prompt p : prompts) {
      Prompt sameTokensOtherId = new Prompt(p.promptId() + 10_000, p.promptTokens().clone());
      assertEquals(held.contains(p.promptId()), TaskPrompts.isHeldOut(sameTokensOtherId, 0.1));
    }
    int widened = 0;
    for (Prompt p : prompts) {
      if (TaskPrompts.isHeldOut(p, 0.3)) {
        widened++;
      } else {
        assertTrue(!held.contains(p.promptId()), "a larger fraction only adds prompts");
      }
    }
    assertEquals(1200, widened, 100);
  }
}
