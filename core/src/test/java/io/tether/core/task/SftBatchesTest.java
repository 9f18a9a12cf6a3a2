package io.tether.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.tokenizer.ByteTokenizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A user's SFT texts: whole texts as BOS text EOS, long ones as windows, drawn uniformly. */
class SftBatchesTest {
  private final ByteTokenizer tok = new ByteTokenizer();

  private int[] whole(String text) {
    int[] body = tok.encode(text);
    int[] seq = new int[body.length + 2];
    seq[0] = tok.bos();
    System.arraycopy(body, 0, seq, 1, body.length);
    seq[seq.length - 1] = tok.eos();
    return seq;
  }

  @Test
  void shortTextsComeWholeAndLongOnesAsWindowsOfTheirFramedTokens() {
    String longText = "x".repeat(5) + "abcdefghijklmnopqrstuvwxyz";
    SftBatches b = SftBatches.ofTexts(List.of("hi", "yo!", longText), tok, 8);
    int[] framedLong = whole(longText);
    Map<String, Integer> counts = new HashMap<>();
    for (int[] s : b.next(3000, new SplittableRandom(3))) {
      assertTrue(s.length <= 8, "at most seqLen tokens");
      String kind;
      if (java.util.Arrays.equals(s, whole("hi"))) {
        kind = "hi";
      } else if (java.util.Arrays.equals(s, whole("yo!"))) {
        kind = "yo";
      } else {
        assertEquals(8, s.length);
        assertTrue(isWindow(s, framedLong), java.util.Arrays.toString(s));
        kind = "window";
      }
      counts.merge(kind, 1, Integer::sum);
    }
    for (String k : List.of("hi", "yo", "window")) {
      assertEquals(1000, counts.get(k), 90, "each text drawn with probability 1/3: " + counts);
    }
  }

  @Test
  void aTextOfExactlySeqLenFramedTokensIsWholeAndNoTextsIsAnError() {
    SftBatches b = SftBatches.ofTexts(List.of("abcdef"), tok, 8);
    assertArrayEquals(whole("abcdef"), b.next(1, new SplittableRandom(1)).get(0));
    assertThrows(IllegalArgumentException.class, () -> SftBatches.ofTexts(List.of(), tok, 8));
  }

  private static boolean isWindow(int[] s, int[] of) {
    for (int from = 0; from + s.length <= of.length; from++) {
      if (java.util.Arrays.equals(s, java.util.Arrays.copyOfRange(of, from, from + s.length))) {
        return true;
      }
    }
    return false;
  }
}
