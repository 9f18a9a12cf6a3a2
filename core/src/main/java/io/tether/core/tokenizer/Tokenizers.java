package io.tether.core.tokenizer;

/** Makes the tokenizer of a {@link TokenizerKind}. */
public final class Tokenizers {
  private Tokenizers() {}

  /**
   * A tokenizer of the given kind; cheap, so callers need not cache it.
   *
   * @throws IllegalArgumentException for {@link TokenizerKind#CORPUS}, which is fitted per run
   *     ({@link BpeTrainer}) and read from its file ({@link BpeFiles})
   */
  public static Tokenizer create(TokenizerKind kind) {
    return switch (kind) {
      case BYTE -> new ByteTokenizer();
      case GPT2 -> new Gpt2Tokenizer();
      case CORPUS -> throw new IllegalArgumentException("the corpus tokenizer is fitted to a"
          + " run's texts: read it from the run's tokenizer.json");
      case PRETRAINED -> throw new IllegalArgumentException("the pretrained tokenizer is the"
          + " model directory's tokenizer.json: read it with HfTokenizer.load");
    };
  }
}
