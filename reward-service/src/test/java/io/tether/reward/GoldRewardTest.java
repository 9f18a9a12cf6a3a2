package io.tether.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoldRewardTest {
  private static final GoldReward SMALL = new GoldReward(
      Map.of("good", 3, "bad", -3, "love", 3, "hate", -3), Set.of("not", "don't"));

  @Test
  void sumsLexiconValuesAndFlipsAfterANegator() {
    assertEquals(3.0, SMALL.score("A good movie."));
    assertEquals(-3.0, SMALL.score("Not good at all"));
    assertEquals(6.0, SMALL.score("I don't hate it, I LOVE it"));
    assertEquals(0.0, SMALL.score("good bad"));
    assertEquals(-3.0, SMALL.score("not good, not bad, bad"), "only the next word is negated");
    assertEquals(0.0, SMALL.score(""));
  }

  @Test
  void theRealAfinnLexiconScoresHandCheckedSentences() {
    GoldReward afinn = GoldReward.load(io.tether.core.data.DefaultTaskData.ensure().sentiment());
    assertTrue(afinn.size() > 3000, "AFINN-165 has 3382 entries, got " + afinn.size());
    // "great" +3, "love" +3
    assertEquals(6.0, afinn.score("Great food, I love it."));
    // "not" negates "good" (+3)
    assertEquals(-3.0, afinn.score("The service was not good."));
    // "terrible" -3, "waste" -1
    assertEquals(-4.0, afinn.score("A terrible waste of time"));
  }
}
