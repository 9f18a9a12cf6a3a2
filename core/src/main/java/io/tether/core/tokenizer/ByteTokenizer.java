package io.tether.core.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One token per UTF-8 byte: ids 0..255 are the bytes, then BOS (256), EOS (257) and PAD (258).
 * Needs no vocabulary file and round-trips every well-formed Java string exactly. Stateless.
 */
public final class ByteTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;

  /** Beginning-of-sequence id. */
  public static final int BOS = 256;

  /** End-of-sequence id. */
  public static final int EOS = 257;

  /** Padding id. */
  public static final int PAD = 258;

  /** 256 bytes plus three special tokens. */
  public static final int VOCAB_SIZE = 259;

  @Override
  public int vocabSize() {
    return VOCAB_SIZE;
  }

  @Override
  public int bos() {
    return BOS;
  }

  @Override
  public int eos() {
    return EOS;
  }

  @Override
  public int pad() {
    return PAD;
  }

  @Override
  public int[] encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] tokens = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      tokens[i] = bytes[i] & 0xFF;
    }
    return tokens;
  }

  @Override
  public String decode(int[] tokens) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(tokens.length);
    for (int i = 0; i < tokens.length; i++) {
      TokenIds.requireInVocab(tokens, i, VOCAB_SIZE);
      if (tokens[i] < BOS) {
        bytes.write(tokens[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public TokenizerKind kind() {
    return TokenizerKind.BYTE;
  }
}
