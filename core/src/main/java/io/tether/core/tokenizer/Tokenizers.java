package io.tether.core.tokenizer;

/** Makes the tokenizer of a {@link TokenizerKind}. */
public final class Tokenizers {
  private Tokenizers() {}

  /** A tokenizer of the given kind; cheap, so callers need not cache it. */
  public static Tokenizer create(TokenizerKind kind) {
    return switch (kind) {
      case BYTE -> new ByteTokenizer();
      case GPT2 -> new Gpt2Tokenizer();
    };
  }
}
