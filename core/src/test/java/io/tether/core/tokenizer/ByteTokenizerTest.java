package io.tether.core.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteTokenizerTest {
  private final Tokenizer tokenizer = Tokenizers.create(TokenizerKind.BYTE);

  @Test
  void idsAndSizes() {
    assertEquals(259, tokenizer.vocabSize());
    assertEquals(256, tokenizer.bos());
    assertEquals(257, tokenizer.eos());
    assertEquals(258, tokenizer.pad());
    assertEquals(TokenizerKind.BYTE, tokenizer.kind());
  }

  @Test
  void encodesUtf8Bytes() {
    assertArrayEquals(new int[] {104, 105}, tokenizer.encode("hi"));
    assertArrayEquals(new int[] {0xC3, 0xA9}, tokenizer.encode("\u00e9"));
    assertArrayEquals(new int[] {0xF0, 0x9F, 0x98, 0x80}, tokenizer.encode("\ud83d\ude00"));
    assertArrayEquals(new int[0], tokenizer.encode(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain ASCII, with punctuation!\n\t", "na\u00efve caf\u00e9 \u00c5",
      "\u4e2d\u6587\u5b57\u7b26 \u65e5\u672c\u8a9e", "emoji \ud83d\ude00\ud83d\udc4d\ud83c\udffd",
      "\u0000 nul and \u007f del", "<|endoftext|>"})
  void roundTrips(String text) {
    assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
  }

  @Test
  void roundTripsRandomCodePoints() {
    Random random = new Random(1234);
    for (int trial = 0; trial < 500; trial++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(randomCodePoint(random));
      }
      String s = text.toString();
      assertEquals(s, tokenizer.decode(tokenizer.encode(s)), "trial " + trial);
    }
  }

  private static int randomCodePoint(Random random) {
    while (true) {
      int limit = random.nextBoolean() ? 0x80 : Character.MAX_CODE_POINT + 1;
      int cp = random.nextInt(limit);
      if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
        return cp;
      }
    }
  }

  @Test
  void decodeSkipsSpecialTokens() {
    assertEquals("ab", tokenizer.decode(new int[] {256, 97, 258, 98, 257, 258}));
  }

  @Test
  void decodeOfInvalidUtf8IsLenient() {
    assertEquals("h\ufffdi", tokenizer.decode(new int[] {0x68, 0xFF, 0x69}));
    assertEquals("a\ufffd", tokenizer.decode(new int[] {0x61, 0xE2, 0x82}));
    assertEquals("\ufffd", tokenizer.decode(new int[] {0x80}));
  }

  @Test
  void decodeRejectsIdsOutsideTheVocabulary() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> tokenizer.decode(new int[] {97, 98, 259}));
    assertEquals("token id 259 at position 2 is outside the vocabulary [0, 259)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {-1}));
  }
}
