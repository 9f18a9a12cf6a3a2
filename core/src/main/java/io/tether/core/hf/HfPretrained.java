package io.tether.core.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelSpec;
import io.tether.core.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What a run takes from a Hugging Face model directory besides the weights: the decoder's shape
 * ({@code config.json}), the tokenizer ({@code tokenizer.json}) with its BOS, EOS and PAD ids
 * ({@code generation_config.json}, else {@code config.json}; PAD from {@code pad_token_id} or
 * {@code tokenizer_config.json}'s {@code pad_token}, else EOS, whose padded positions are masked
 * anyway; BOS, when the model has none, is EOS), and the small files an export copies back.
 */
public final class HfPretrained {
  /** The small files kept with a run and written back by an export, where present. */
  public static final List<String> FILES = List.of(HfModel.CONFIG, "tokenizer.json",
      "tokenizer_config.json", "generation_config.json", "special_tokens_map.json");

  private static final ObjectMapper JSON = new ObjectMapper();

  private HfPretrained() {}

  /** The decoder shape {@code dir/config.json} describes (LM head). */
  public static ModelSpec spec(Path dir, Configuration conf) {
    Path file = new Path(dir, HfModel.CONFIG);
    return HfModel.spec(HfFiles.readJson(file, conf), file.toString());
  }

  /** The texts of {@link #FILES} that {@code dir} has, by name. */
  public static Map<String, String> files(Path dir, Configuration conf) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : FILES) {
      Path p = new Path(dir, name);
      if (HfFiles.exists(p, conf)) {
        try (InputStream in = p.getFileSystem(conf).open(p)) {
          out.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new ModelFormatException(p + ": cannot read: " + e.getMessage(), e);
        }
      }
    }
    if (!out.containsKey("tokenizer.json")) {
      throw new ModelFormatException(dir + ": no tokenizer.json (Tether reads the fast"
          + " tokenizer's file; save the tokenizer with transformers to write one)");
    }
    return out;
  }

  /** The tokenizer of a directory whose {@link #files} are {@code files}. */
  public static HfTokenizer tokenizer(Map<String, String> files, String dir, int vocabSize) {
    JsonNode config = parse(files, HfModel.CONFIG, dir);
    JsonNode generation = parse(files, "generation_config.json", dir);
    int eos = id(generation, config, "eos_token_id");
    if (eos < 0) {
      throw new ModelFormatException(dir + ": no eos_token_id in generation_config.json or "
          + "config.json");
    }
    int bos = id(generation, config, "bos_token_id");
    int pad = id(generation, config, "pad_token_id");
    if (pad < 0) {
      pad = padFromTokenizerConfig(files, dir);
    }
    return new HfTokenizer(files.get("tokenizer.json"), dir + "/tokenizer.json", vocabSize,
        bos < 0 ? eos : bos, eos, pad < 0 ? eos : pad, eosIds(generation, config));
  }

  /**
   * Every EOS id of the first file that has {@code eos_token_id} (a chat model may end a turn
   * with one and the text with another: Llama 3's {@code <|eot_id|>} and {@code
   * <|end_of_text|>}); generation stops at any of them.
   */
  private static int[] eosIds(JsonNode first, JsonNode second) {
    for (JsonNode n : List.of(first, second)) {
      JsonNode v = n.path("eos_token_id");
      if (v.isArray() && v.size() > 0) {
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = v.get(i).asInt();
        }
        return out;
      }
      if (v.canConvertToInt()) {
        return new int[] {v.asInt()};
      }
    }
    return new int[0];
  }

  private static JsonNode parse(Map<String, String> files, String name, String dir) {
    String text = files.get(name);
    if (text == null) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new ModelFormatException(dir + "/" + name + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The field from the first file that has it; the first of a list; -1 when none has it. */
  private static int id(JsonNode first, JsonNode second, String field) {
    for (JsonNode n : List.of(first, second)) {
      JsonNode v = n.path(field);
      if (v.isArray() && v.size() > 0) {
        v = v.get(0);
      }
      if (v.canConvertToInt()) {
        return v.asInt();
      }
    }
    return -1;
  }

  private static int padFromTokenizerConfig(Map<String, String> files, String dir) {
    JsonNode tc = parse(files, "tokenizer_config.json", dir);
    JsonNode pad = tc.path("pad_token");
    String content = pad.isObject() ? pad.path("content").asText("") : pad.asText("");
    if (content.isEmpty()) {
      return -1;
    }
    JsonNode tok = parse(files, "tokenizer.json", dir);
    for (JsonNode added : tok.path("added_tokens")) {
      if (content.equals(added.path("content").asText())) {
        return added.path("id").asInt();
      }
    }
    JsonNode id = tok.path("model").path("vocab").path(content);
    return id.canConvertToInt() ? id.asInt() : -1;
  }
}
