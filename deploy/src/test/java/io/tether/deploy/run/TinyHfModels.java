package io.tether.deploy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.hf.HfExport;
import io.tether.core.hf.HfModel;
import io.tether.core.hf.HfSource;
import io.tether.core.hf.SafeTensorsDtype;
import io.tether.core.model.GptModel;
import io.tether.core.tokenizer.BpeTokenizer;
import io.tether.core.tokenizer.RunTokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Small random Hugging Face model directories for the end-to-end tests. */
public final class TinyHfModels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyHfModels() {}

  /** A random Llama (GQA, untied head) with the BPE's tokenizer.json, in the HF layout. */
  public static Path llama(Path out, BpeTokenizer bpe) throws Exception {
    return llama(out, bpe, null);
  }

  /** As {@link #llama(Path, BpeTokenizer)}, with {@code tokenizerConfig} when not null. */
  public static Path llama(Path out, BpeTokenizer bpe, String tokenizerConfig) throws Exception {
    String config = "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\","
        + " \"vocab_size\": " + bpe.vocabSize() + ", \"hidden_size\": 32,"
        + " \"intermediate_size\": 48, \"num_hidden_layers\": 2, \"num_attention_heads\": 4,"
        + " \"num_key_value_heads\": 2, \"hidden_act\": \"silu\","
        + " \"max_position_embeddings\": 128, \"rms_norm_eps\": 1e-05, \"rope_theta\": 10000.0,"
        + " \"tie_word_embeddings\": false, \"torch_dtype\": \"float32\"}";
    JsonNode json = JSON.readTree(config);
    Path staged = out.resolveSibling("llama-files");
    Files.createDirectories(staged);
    Files.writeString(staged.resolve("tokenizer.json"), RunTokenizers.json(bpe));
    Files.writeString(staged.resolve("generation_config.json"), "{\"bos_token_id\": "
        + bpe.bos() + ", \"eos_token_id\": [" + bpe.eos() + "], \"pad_token_id\": " + bpe.pad()
        + "}");
    List<org.apache.hadoop.fs.Path> files = new java.util.ArrayList<>(List.of(
        new org.apache.hadoop.fs.Path(staged.resolve("tokenizer.json").toUri()),
        new org.apache.hadoop.fs.Path(staged.resolve("generation_config.json").toUri())));
    if (tokenizerConfig != null) {
      Files.writeString(staged.resolve("tokenizer_config.json"), tokenizerConfig);
      files.add(new org.apache.hadoop.fs.Path(staged.resolve("tokenizer_config.json").toUri()));
    }
    try (GptModel m = GptModel.create(HfModel.spec(json, "config.json"), 3)) {
      HfExport.write(m, new HfSource(json, "", SafeTensorsDtype.F32, false),
          new org.apache.hadoop.fs.Path(out.toUri()), HfExport.DEFAULT_SHARD_BYTES, files,
          Map.of(), new Configuration());
    }
    return out;
  }
}
