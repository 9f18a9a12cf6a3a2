package io.tether.core.tokenizer;

import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.data.DataFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A run's fitted tokenizer, stored once beside its checkpoints ({@code checkpoints/}{@value
 * #FILE}), so that resuming, scoring with its reward model or starting another run from its
 * policy decodes with the vocabulary the models were trained on.
 */
public final class RunTokenizers {
  /** The file name, as in a Hugging Face model directory. */
  public static final String FILE = "tokenizer.json";

  private RunTokenizers() {}

  /** The fitted tokenizer stored in {@code store}, if there is one. */
  public static Optional<BpeTokenizer> read(CheckpointStore store) {
    return store.readShared(FILE).map(text -> parse(text, store.sharedUri(FILE)));
  }

  /** Stores {@code t} in {@code store}, replacing what is there. */
  public static void write(CheckpointStore store, BpeTokenizer t) {
    store.writeShared(FILE, json(t));
  }

  /** {@code t} as the text of a {@code tokenizer.json}. */
  public static String json(BpeTokenizer t) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BpeFiles.write(t, out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tokenizer of models with {@code vocabSize} ids stored in {@code store}: the Hugging Face
   * model's it started from, else its fitted tokenizer, else the fixed tokenizer ({@code byte},
   * {@code gpt2}) of that size.
   *
   * @param what the checkpoint or run, for messages
   * @throws DataFormatException naming {@code what} when no tokenizer has that vocabulary
   */
  public static Tokenizer of(CheckpointStore store, int vocabSize, String what) {
    Optional<HfTokenizer> pretrained = io.tether.core.hf.HfRunFiles.tokenizer(store, vocabSize);
    if (pretrained.isPresent()) {
      return pretrained.get();
    }
    Optional<BpeTokenizer> fitted = read(store);
    if (fitted.isPresent()) {
      if (fitted.get().vocabSize() != vocabSize) {
        throw new DataFormatException(what + ": the model has " + vocabSize + " token ids but "
            + store.sharedUri(FILE) + " has " + fitted.get().vocabSize());
      }
      return fitted.get();
    }
    for (TokenizerKind k : new TokenizerKind[] {TokenizerKind.BYTE, TokenizerKind.GPT2}) {
      Tokenizer t = Tokenizers.create(k);
      if (t.vocabSize() == vocabSize) {
        return t;
      }
    }
    throw new DataFormatException(what + ": vocabulary of " + vocabSize + " tokens matches no"
        + " tokenizer, and there is no " + store.sharedUri(FILE));
  }

  private static BpeTokenizer parse(String text, String uri) {
    try {
      return BpeFiles.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), uri);
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": " + e.getMessage(), e);
    }
  }
}
