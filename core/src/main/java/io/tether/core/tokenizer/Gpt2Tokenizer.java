package io.tether.core.tokenizer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2 byte-pair encoding ({@code r50k_base}, through jtokkit): 50257 BPE ids, of which 50256
 * ({@code <|endoftext|>}) serves as both BOS and EOS, plus PAD = 50257. Construction is free;
 * the BPE tables are loaded once per JVM, on first use.
 */
public final class Gpt2Tokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;

  /** {@code <|endoftext|>}: beginning and end of sequence. */
  public static final int END_OF_TEXT = 50256;

  /** Padding id, one past the BPE vocabulary. */
  public static final int PAD = 50257;

  /** 50257 BPE ids plus PAD. */
  public static final int VOCAB_SIZE = 50258;

  /** Holds the encoding; the JVM initializes it once, on first access, thread-safely. */
  private static final class R50k {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
  }

  @Override
  public int vocabSize() {
    return VOCAB_SIZE;
  }

  @Override
  public int bos() {
    return END_OF_TEXT;
  }

  @Override
  public int eos() {
    return END_OF_TEXT;
  }

  @Override
  public int pad() {
    return PAD;
  }

  @Override
  public int[] encode(String text) {
    return R50k.ENCODING.encodeOrdinary(text).toArray();
  }

  @Override
  public String decode(int[] tokens) {
    IntArrayList ordinary = new IntArrayList(tokens.length);
    for (int i = 0; i < tokens.length; i++) {
      TokenIds.requireInVocab(tokens, i, VOCAB_SIZE);
      if (!isSpecial(tokens[i])) {
        ordinary.add(tokens[i]);
      }
    }
    return new String(R50k.ENCODING.decodeBytes(ordinary), StandardCharsets.UTF_8);
  }

  @Override
  public TokenizerKind kind() {
    return TokenizerKind.GPT2;
  }
}
