package io.tether.deploy;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.hadoop.HadoopConfs;
import io.tether.core.hf.HfExport;
import io.tether.core.hf.HfRunFiles;
import java.util.Optional;
import io.tether.core.hf.HfSource;
import io.tether.core.hf.SafeTensorsDtype;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelStore;
import io.tether.core.tokenizer.BpeTokenizer;
import io.tether.core.tokenizer.RunTokenizers;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.core.tokenizer.TokenizerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tether export}: a run's policy (or reference) as a Hugging Face GPT-2 directory that
 * {@code transformers} loads with {@code from_pretrained}, with the run's tokenizer.
 */
@Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Write a run's policy as a Hugging Face directory (config.json, safetensors,"
        + " tokenizer files): the model.pretrained directory's layout, else GPT2LMHeadModel.")
final class ExportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The roles whose models are language models. */
  enum ExportRole { POLICY, REFERENCE }

  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, description = "Run directory (path or Hadoop URI).")
  String run;

  @Option(names = "--role", description = "policy or reference.")
  String role = "policy";

  @Option(names = "--version", description = "Checkpoint version (default: the newest valid).")
  Long version;

  @Option(names = "--out", required = true,
      description = "Directory to create (path or Hadoop URI); must not exist.")
  String out;

  @Option(names = "--dtype", description = "float32, bfloat16 or float16 (default: the"
      + " pretrained directory's, else float32).")
  String dtype;

  @Option(names = "--shard-bytes", description = "Largest weight file before sharding.")
  long shardBytes = HfExport.DEFAULT_SHARD_BYTES;

  @Option(names = "--parity", description = "Also write tether_logprobs.json (Tether's"
      + " log-probabilities of a few texts) for deploy/gpu/hf_parity.py.")
  boolean parity;

  /** Texts whose log-probabilities {@code --parity} records. */
  static final List<String> PARITY_TEXTS = List.of(
      "The food was great and the staff were friendly.",
      "I would not recommend this phone to anyone",
      "Call me Ishmael. Some years ago, never mind how long precisely",
      "It was the best of times");

  @Override
  public Integer call() throws Exception {
    Role r = parseRole();
    SafeTensorsDtype d = dtype == null ? null : SafeTensorsDtype.ofTorchName(dtype);
    if (dtype != null && d == null) {
      throw new ParameterException(spec.commandLine(), "--dtype " + dtype
          + " is not one of float32, bfloat16, float16");
    }
    Configuration conf = HadoopConfs.forProcess();
    CheckpointStore store = new CheckpointStore(conf, run);
    Checkpoint c = version == null ? store.openLatestValid(r).checkpoint()
        : store.open(r, version);
    try (GptModel model = ModelStore.read(c, DataType.FLOAT32, null)) {
      Tokenizer tok = RunTokenizers.of(store, model.spec().vocabSize(), c.uri());
      Optional<HfSource> pretrained = HfRunFiles.source(store);
      HfSource base = pretrained.orElseGet(
          () -> HfSource.forTether(model.spec(), tok.bos(), tok.eos()));
      HfSource source = new HfSource(base.config(), base.prefix(), d == null ? base.dtype() : d,
          base.storesLmHead());
      d = source.dtype();
      Map<String, String> texts = pretrained.isPresent() ? pretrainedFiles(store)
          : tokenizerFiles(tok);
      if (parity) {
        texts.put("tether_logprobs.json", ParityLogprobs.json(model, tok, PARITY_TEXTS));
      }
      List<String> files = HfExport.write(model, source, new Path(out), shardBytes, List.of(),
          texts, conf);
      spec.commandLine().getOut().printf("exported %s (%d parameters, %s) to %s: %s%s%n",
          c.uri(), model.spec().parameterCount(), d.torchName(), out, files,
          texts.isEmpty() ? "; the run's tokenizer (" + tok.kind() + ") has no tokenizer.json"
              : ", " + String.join(", ", texts.keySet()));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  private Role parseRole() {
    for (ExportRole e : ExportRole.values()) {
      if (e.name().equalsIgnoreCase(role)) {
        return e == ExportRole.POLICY ? Role.POLICY : Role.REFERENCE;
      }
    }
    throw new ParameterException(spec.commandLine(), "--role " + role
        + " is not a language model's role; give policy or reference");
  }

  /** The pretrained directory's small files kept with the run, config.json aside. */
  private static Map<String, String> pretrainedFiles(CheckpointStore store) {
    Map<String, String> files = new LinkedHashMap<>(HfRunFiles.files(store).orElseThrow());
    files.remove("config.json");
    return files;
  }

  /** tokenizer.json, tokenizer_config.json and generation_config.json for the run's tokenizer. */
  static Map<String, String> tokenizerFiles(Tokenizer tok) {
    Map<String, String> files = new LinkedHashMap<>();
    BpeTokenizer bpe = tok instanceof BpeTokenizer b ? b
        : tok.kind() == TokenizerKind.BYTE ? new BpeTokenizer(new int[0], new int[0]) : null;
    if (bpe == null) {
      return files;
    }
    files.put("tokenizer.json", RunTokenizers.json(bpe));
    ObjectNode tc = JSON.createObjectNode();
    tc.put("tokenizer_class", "PreTrainedTokenizerFast");
    tc.put("bos_token", "<|bos|>");
    tc.put("eos_token", "<|endoftext|>");
    tc.put("pad_token", "<|pad|>");
    tc.put("model_max_length", 1 << 20);
    files.put("tokenizer_config.json", tc.toPrettyString() + "\n");
    ObjectNode gc = JSON.createObjectNode();
    gc.put("bos_token_id", tok.bos());
    gc.put("eos_token_id", tok.eos());
    gc.put("pad_token_id", tok.pad());
    files.put("generation_config.json", gc.toPrettyString() + "\n");
    return files;
  }
}
