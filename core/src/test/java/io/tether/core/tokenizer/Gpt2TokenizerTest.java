package io.tether.core.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Gpt2TokenizerTest {
  private final Tokenizer tokenizer = Tokenizers.create(TokenizerKind.GPT2);

  @Test
  void idsAndSizes() {
    assertEquals(50258, tokenizer.vocabSize());
    assertEquals(50256, tokenizer.bos());
    assertEquals(50256, tokenizer.eos());
    assertEquals(50257, tokenizer.pad());
    assertEquals(TokenizerKind.GPT2, tokenizer.kind());
  }

  @Test
  void encodesKnownGpt2Ids() {
    assertArrayEquals(new int[] {31373}, tokenizer.encode("hello"));
    assertArrayEquals(new int[] {31373, 995}, tokenizer.encode("hello world"));
  }

  @Test
  void specialTokenTextIsEncodedAsPlainText() {
    int[] tokens = tokenizer.encode("<|endoftext|>");
    assertTrue(tokens.length > 1, "several ordinary tokens");
    assertFalse(IntStream.of(tokens).anyMatch(t -> t == 50256));
    assertEquals("<|endoftext|>", tokenizer.decode(tokens));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "The movie was great!", "  leading spaces\nand lines\t",
      "caf\u00e9 na\u00efve", "\u4e2d\u6587 \u65e5\u672c\u8a9e", "emoji \ud83d\ude00\ud83d\udc4d"})
  void roundTrips(String text) {
    assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
  }

  @Test
  void decodeSkipsSpecialTokens() {
    int[] tokens = {50256, 31373, 995, 50256, 50257, 50257};
    assertEquals("hello world", tokenizer.decode(tokens));
  }

  @Test
  void decodeOfASplitMultiByteCharacterIsLenient() {
    int[] emoji = tokenizer.encode("\ud83d\ude00");
    assertTrue(emoji.length > 1, "the emoji spans several byte-level tokens");
    int[] firstOnly = {emoji[0]};
    assertTrue(tokenizer.decode(firstOnly).contains("\ufffd"));
  }

  @Test
  void decodeRejectsIdsOutsideTheVocabulary() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> tokenizer.decode(new int[] {31373, 50258}));
    assertEquals(
        "token id 50258 at position 1 is outside the vocabulary [0, 50258)", e.getMessage());
  }

  @Test
  void isThreadSafe() throws Exception {
    String text = "Spark tasks share one tokenizer across threads.";
    int[] expected = tokenizer.encode(text);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Tokenizer own = Tokenizers.create(TokenizerKind.GPT2);
        results.add(pool.submit(() -> java.util.Arrays.equals(expected, own.encode(text))
            && text.equals(tokenizer.decode(expected))));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdown();
    }
  }
}
