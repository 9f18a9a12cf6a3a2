package io.tether.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Word splitting and the known-word share, counted by hand. */
class WordsTest {
  @Test
  void punctuationIsStrippedFromTheEndsOnlyAndCaseFolded() {
    assertEquals(List.of("it's", "great", "really", "5", "a-b"),
        Words.of("  \"It's GREAT!\" (really)... 5 -- a-b, "));
    assertEquals(List.of(), Words.of(" ... !! "));
  }

  @Test
  void theShareOfKnownWordsSkipsTheLastWordOfACutText() {
    Set<String> v = Words.vocabulary(List.of("The film was great.", "I loved it!"));
    assertEquals(Set.of("the", "film", "was", "great", "i", "loved", "it"), v);
    // 4 words, 3 known; the second text is cut: "gre" is not counted, "was" is
    assertEquals(3.0 / 4, Words.fraction(List.of("the film xyzzy.", "was gre"),
        new boolean[] {false, true}, v), 1e-12);
    // cut right after a space: the last word is whole
    assertEquals(2.0 / 3, Words.fraction(List.of("the film qq "), new boolean[] {true}, v),
        1e-12);
    assertTrue(Double.isNaN(Words.fraction(List.of("..."), new boolean[] {false}, v)));
  }
}
