package io.tether.core.tokenizer;

/**
 * Text to token ids and back. Implementations are immutable and thread-safe, cheap to construct
 * (each Spark task may make its own), and get one through {@link Tokenizers#create}; they are
 * serializable, so a run's tokenizer travels to executors with the tasks that decode.
 *
 * <p>Ids {@code [0, vocabSize())} are valid; BOS, EOS and PAD are among them. {@link #encode}
 * never produces a special token; callers add BOS/EOS/PAD themselves.
 */
public interface Tokenizer extends java.io.Serializable {

  /** Number of token ids, special tokens included; embedding tables have this many rows. */
  int vocabSize();

  /** Beginning-of-sequence id. */
  int bos();

  /** End-of-sequence id: generation stops when it is sampled. */
  int eos();

  /** Padding id: never produced by {@link #encode}, never sampled. */
  int pad();

  /**
   * Every id whose sampling ends a response: {@link #eos()} first, then any other end-of-turn
   * ids a pretrained model lists in its {@code eos_token_id}.
   */
  default int[] stopTokens() {
    return new int[] {eos()};
  }

  /**
   * Token ids of {@code text}, no special tokens added. Text that spells a special token (such
   * as {@code <|endoftext|>}) is encoded as ordinary text.
   */
  int[] encode(String text);

  /**
   * Text of {@code tokens}, special tokens skipped. Bytes that do not form valid UTF-8 (as
   * sampling can produce) become U+FFFD; this never fails for ids in range.
   *
   * @throws IllegalArgumentException when an id is outside {@code [0, vocabSize())}; the message
   *     names the id and its position
   */
  String decode(int[] tokens);

  /** Which tokenizer this is. */
  TokenizerKind kind();

  /** Whether {@code token} is BOS, EOS or PAD. */
  default boolean isSpecial(int token) {
    return token == bos() || token == eos() || token == pad();
  }
}
