package io.tether.core.tokenizer;

/** Checks shared by the tokenizers' {@code decode}. */
final class TokenIds {
  private TokenIds() {}

  /** Throws when {@code tokens[position]} is outside {@code [0, vocabSize)}. */
  static void requireInVocab(int[] tokens, int position, int vocabSize) {
    int token = tokens[position];
    if (token < 0 || token >= vocabSize) {
      throw new IllegalArgumentException("token id " + token + " at position " + position
          + " is outside the vocabulary [0, " + vocabSize + ")");
    }
  }
}
