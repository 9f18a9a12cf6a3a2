package io.tether.core.tokenizer;

import java.util.regex.Pattern;

/**
 * The byte-level conventions of GPT-2-style BPE files ({@code tokenizer.json}): text is split into
 * pre-tokens (a word with its leading space, a number, a run of punctuation, whitespace), and each
 * byte is written as one printable character, so that a token's bytes form a JSON-safe string (a
 * space becomes {@code Ġ}). Unlike GPT-2's pattern, a word keeps its contraction ({@code " don't"}
 * is one pre-token, not {@code " don"} and {@code "'t"}), so a small vocabulary holds whole
 * contracted words and a model cannot attach {@code 't} to any word.
 */
final class ByteLevel {
  /** The pre-tokenizer's pattern: words with their contractions, numbers, punctuation, space. */
  static final String PATTERN =
      " ?\\p{L}+(?:'\\p{L}+)*| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  /** {@link #PATTERN}, compiled. */
  static final Pattern PRE_TOKENS = Pattern.compile(PATTERN);

  private static final char[] BYTE_CHAR = byteChars();
  private static final int[] CHAR_BYTE = charBytes();

  private ByteLevel() {}

  /** The printable character standing for {@code b} (0..255). */
  static char charOf(int b) {
    return BYTE_CHAR[b];
  }

  /** The string of printable characters for {@code bytes}. */
  static String encode(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      s.append(BYTE_CHAR[b & 0xFF]);
    }
    return s.toString();
  }

  /**
   * The bytes a string of printable characters stands for.
   *
   * @throws IllegalArgumentException naming the character when it stands for no byte
   */
  static byte[] decode(String chars) {
    byte[] out = new byte[chars.length()];
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      int b = c < CHAR_BYTE.length ? CHAR_BYTE[c] : -1;
      if (b < 0) {
        throw new IllegalArgumentException("character U+" + Integer.toHexString(c)
            + " at position " + i + " of \"" + chars + "\" stands for no byte");
      }
      out[i] = (byte) b;
    }
    return out;
  }

  /** Printable bytes stand for themselves; the others map to 256, 257, ... in byte order. */
  private static char[] byteChars() {
    char[] map = new char[256];
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      map[b] = printable ? (char) b : (char) next++;
    }
    return map;
  }

  private static int[] charBytes() {
    int[] inverse = new int[512];
    java.util.Arrays.fill(inverse, -1);
    for (int b = 0; b < 256; b++) {
      inverse[BYTE_CHAR[b]] = b;
    }
    return inverse;
  }
}
