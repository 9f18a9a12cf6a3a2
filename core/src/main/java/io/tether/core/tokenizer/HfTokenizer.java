package io.tether.core.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Hugging Face model's own {@code tokenizer.json}, run by the {@code tokenizers} library (DJL's
 * binding; its CPU natives ship in the jar, and {@code RUST_FLAVOR=cpu} keeps it from fetching a
 * CUDA build on a GPU machine). Encoding adds no special tokens; the run adds BOS itself. The
 * file's text travels with the tokenizer when it is serialized, and each JVM builds its native
 * tokenizer from it on first use.
 *
 * @see io.tether.core.hf for where the ids come from ({@code config.json}, {@code
 *     generation_config.json}, {@code tokenizer_config.json})
 */
public final class HfTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;

  private final String json;
  private final String source;
  private final int vocabSize;
  private final int bos;
  private final int eos;
  private final int pad;
  private final int[] stops;
  private transient volatile HuggingFaceTokenizer tokenizer;

  /**
   * @param json the {@code tokenizer.json} text
   * @param source where it came from, for messages
   * @param vocabSize the model's embedding rows (may exceed the tokenizer's own vocabulary)
   */
  public HfTokenizer(String json, String source, int vocabSize, int bos, int eos, int pad) {
    this(json, source, vocabSize, bos, eos, pad, new int[] {eos});
  }

  /** As above; {@code stops}: every id that ends a response ({@code eos} is added if absent). */
  public HfTokenizer(String json, String source, int vocabSize, int bos, int eos, int pad,
      int[] stops) {
    this.stops = java.util.stream.IntStream.concat(java.util.stream.IntStream.of(eos),
        java.util.Arrays.stream(stops)).distinct().toArray();
    this.json = json;
    this.source = source;
    this.vocabSize = vocabSize;
    this.bos = bos;
    this.eos = eos;
    this.pad = pad;
    native_();
  }

  private HuggingFaceTokenizer native_() {
    HuggingFaceTokenizer t = tokenizer;
    if (t == null) {
      synchronized (this) {
        if (tokenizer == null) {
          if (System.getProperty("RUST_FLAVOR") == null && System.getenv("RUST_FLAVOR") == null) {
            System.setProperty("RUST_FLAVOR", "cpu");
          }
          try {
            tokenizer = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
          } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
          } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": the tokenizers library refused it: "
                + e.getMessage(), e);
          }
        }
        t = tokenizer;
      }
    }
    return t;
  }

  /** The {@code tokenizer.json} text. */
  public String json() {
    return json;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int bos() {
    return bos;
  }

  @Override
  public int eos() {
    return eos;
  }

  @Override
  public int pad() {
    return pad;
  }

  @Override
  public int[] stopTokens() {
    return stops.clone();
  }

  @Override
  public int[] encode(String text) {
    long[] ids = native_().encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  @Override
  public String decode(int[] tokens) {
    long[] ids = new long[tokens.length];
    int n = 0;
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= vocabSize) {
        throw new IllegalArgumentException("token id " + tokens[i] + " at position " + i
            + " is outside [0, " + vocabSize + ")");
      }
      if (!isSpecial(tokens[i])) {
        ids[n++] = tokens[i];
      }
    }
    return native_().decode(java.util.Arrays.copyOf(ids, n), true);
  }

  @Override
  public TokenizerKind kind() {
    return TokenizerKind.PRETRAINED;
  }
}
