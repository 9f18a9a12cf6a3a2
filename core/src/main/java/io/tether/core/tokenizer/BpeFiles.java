package io.tether.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.data.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link BpeTokenizer} as a Hugging Face {@code tokenizer.json}: a byte-level BPE model (vocab
 * of byte-level strings, merges {@code "left right"} in rank order), a pre-tokenizer that splits
 * by {@link ByteLevel#PATTERN} and then maps bytes (ByteLevel without its own regex), the ByteLevel
 * decoder, a {@code Lowercase} normalizer when the tokenizer is uncased (else none), and the special tokens {@code <|bos|>}, {@code <|endoftext|>} (EOS) and {@code
 * <|pad|>} as added tokens. The {@code tokenizers} library and {@code transformers}'
 * {@code PreTrainedTokenizerFast(tokenizer_file=...)} read it as written.
 */
public final class BpeFiles {
  /** Names of BOS, EOS and PAD, in id order from {@link BpeTokenizer#BOS}. */
  static final String[] SPECIAL = {"<|bos|>", "<|endoftext|>", "<|pad|>"};

  /** The Hugging Face normalizer of an uncased tokenizer. */
  private static final String LOWERCASE = "Lowercase";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BpeFiles() {}

  /** Writes {@code t} as JSON to {@code out} (left open). */
  public static void write(BpeTokenizer t, OutputStream out) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < SPECIAL.length; i++) {
      added.addObject().put("id", BpeTokenizer.BOS + i).put("content", SPECIAL[i])
          .put("single_word", false).put("lstrip", false).put("rstrip", false)
          .put("normalized", false).put("special", true);
    }
    if (t.lowercase()) {
      root.putObject("normalizer").put("type", LOWERCASE);
    } else {
      root.putNull("normalizer");
    }
    ObjectNode pre = JSON.createObjectNode().put("type", "Sequence");
    ArrayNode steps = pre.putArray("pretokenizers");
    steps.addObject().put("type", "Split").put("behavior", "Isolated").put("invert", false)
        .putObject("pattern").put("Regex", ByteLevel.PATTERN);
    steps.add(byteLevel().put("use_regex", false));
    root.set("pre_tokenizer", pre);
    root.putNull("post_processor");
    root.set("decoder", byteLevel());
    root.set("model", model(t));
    JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
  }

  private static ObjectNode byteLevel() {
    return JSON.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false)
        .put("trim_offsets", true).put("use_regex", true);
  }

  private static ObjectNode model(BpeTokenizer t) {
    ObjectNode m = JSON.createObjectNode().put("type", "BPE");
    m.putNull("dropout");
    m.putNull("unk_token");
    m.putNull("continuing_subword_prefix");
    m.putNull("end_of_word_suffix");
    m.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
    ObjectNode vocab = m.putObject("vocab");
    for (int id = 0; id < t.vocabSize(); id++) {
      vocab.put(piece(t, id), id);
    }
    ArrayNode merges = m.putArray("merges");
    for (int r = 0; r < t.merges(); r++) {
      merges.add(piece(t, t.left(r)) + " " + piece(t, t.right(r)));
    }
    return m;
  }

  private static String piece(BpeTokenizer t, int id) {
    boolean special = id >= BpeTokenizer.BOS && id < BpeTokenizer.FIRST_MERGE;
    return special ? SPECIAL[id - BpeTokenizer.BOS] : ByteLevel.encode(t.bytes(id));
  }

  /**
   * Reads a file {@link #write} wrote.
   *
   * @param name the file's name or URI, for messages
   * @throws DataFormatException naming {@code name} and the field at fault
   */
  public static BpeTokenizer read(InputStream in, String name) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw new DataFormatException(name + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode model = root.path("model");
    if (!"BPE".equals(model.path("type").asText())) {
      throw new DataFormatException(name + ": model.type must be \"BPE\", found "
          + model.path("type"));
    }
    Map<String, Integer> vocab = vocab(model.path("vocab"), name);
    JsonNode merges = model.path("merges");
    int[] left = new int[merges.size()];
    int[] right = new int[merges.size()];
    for (int r = 0; r < merges.size(); r++) {
      String[] pair = merges.get(r).isArray()
          ? new String[] {merges.get(r).path(0).asText(), merges.get(r).path(1).asText()}
          : merges.get(r).asText().split(" ", -1);
      if (pair.length != 2 || !vocab.containsKey(pair[0]) || !vocab.containsKey(pair[1])
          || !vocab.containsKey(pair[0] + pair[1])) {
        throw new DataFormatException(name + ": model.merges[" + r + "] " + merges.get(r)
            + " is not two tokens of model.vocab whose join is in model.vocab");
      }
      left[r] = vocab.get(pair[0]);
      right[r] = vocab.get(pair[1]);
    }
    BpeTokenizer t = checked(left, right, lowercase(root.path("normalizer"), name), name);
    for (int r = 0; r < t.merges(); r++) {
      String joined = piece(t, BpeTokenizer.FIRST_MERGE + r);
      if (vocab.get(joined) != BpeTokenizer.FIRST_MERGE + r) {
        throw new DataFormatException(name + ": model.vocab gives \"" + joined + "\" id "
            + vocab.get(joined) + "; Tether's layout needs merge " + r + " at id "
            + (BpeTokenizer.FIRST_MERGE + r));
      }
    }
    return t;
  }

  /** Whether {@code normalizer} is {@code Lowercase}; null or absent: none. */
  private static boolean lowercase(JsonNode normalizer, String name) {
    if (normalizer.isMissingNode() || normalizer.isNull()) {
      return false;
    }
    if (LOWERCASE.equals(normalizer.path("type").asText())) {
      return true;
    }
    throw new DataFormatException(name + ": normalizer " + normalizer + " is not supported;"
        + " Tether's fitted tokenizer has none (null) or {\"type\": \"" + LOWERCASE + "\"}");
  }

  private static BpeTokenizer checked(int[] left, int[] right, boolean lowercase,
      String name) {
    try {
      return new BpeTokenizer(left, right, lowercase);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(name + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Integer> vocab(JsonNode v, String name) {
    if (!v.isObject()) {
      throw new DataFormatException(name + ": model.vocab must be an object of token -> id");
    }
    Map<String, Integer> out = new HashMap<>();
    v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
    for (int b = 0; b < 256; b++) {
      String s = String.valueOf(ByteLevel.charOf(b));
      if (!Integer.valueOf(b).equals(out.get(s))) {
        throw new DataFormatException(name + ": model.vocab must give byte " + b + " (\"" + s
            + "\") id " + b + ", found " + out.get(s));
      }
    }
    for (int i = 0; i < SPECIAL.length; i++) {
      if (!Integer.valueOf(BpeTokenizer.BOS + i).equals(out.get(SPECIAL[i]))) {
        throw new DataFormatException(name + ": model.vocab must give " + SPECIAL[i] + " id "
            + (BpeTokenizer.BOS + i) + ", found " + out.get(SPECIAL[i]));
      }
    }
    return out;
  }
}
