package io.tether.core.hf;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A Hugging Face model directory (GPT-2, or the Llama family) loaded as a Tether decoder
 * (float32 on the default device), with what an export needs to write it back the same way.
 *
 * @param model the decoder (closed with this record)
 * @param source config, tensor prefix, element type and LM-head storage of the directory
 */
public record HfModel(GptModel model, HfSource source) implements AutoCloseable {
  /** The directory's configuration file. */
  public static final String CONFIG = "config.json";
  /** The architecture suffix of a sequence classifier (a reward model with one label). */
  static final String CLASSIFIER = "ForSequenceClassification";

  /**
   * How {@code dir} stores its model (config, tensor prefix, dtype, LM head), every tensor's name
   * and shape checked against its config; reads only the config and the safetensors headers.
   */
  public static HfSource source(Path dir, Configuration conf) {
    Path configFile = new Path(dir, CONFIG);
    JsonNode json = HfFiles.readJson(configFile, conf);
    ModelSpec spec = spec(json, configFile.toString());
    try (HfWeights weights = HfWeights.open(dir, conf)) {
      Map<String, TensorEntry> entries = weights.entries();
      String prefix = spec.isLlama() ? "" : gpt2Prefix(entries, dir);
      boolean lmHead = checkNames(entries, HfLayouts.slots(spec), prefix, spec, dir);
      SafeTensorsDtype configured = SafeTensorsDtype.ofTorchName(
          json.path("torch_dtype").asText(json.path("dtype").asText("")));
      return new HfSource(json, prefix, configured != null ? configured : weights.mainDtype(),
          lmHead);
    }
  }

  /** Loads {@code dir} (any Hadoop URI). */
  public static HfModel load(Path dir, Configuration conf) {
    HfSource source = source(dir, conf);
    ModelSpec spec = spec(source.config(), new Path(dir, CONFIG).toString());
    Map<String, HfSlot> slots = HfLayouts.slots(spec);
    try (HfWeights weights = HfWeights.open(dir, conf)) {
      Map<String, TensorEntry> entries = weights.entries();
      GptModel model = GptModel.fromValues(spec, DataType.FLOAT32, null, name -> {
        HfSlot s = slots.get(name);
        if (s == null && name.equals("head.bias")) {
          return new float[1]; // transformers' score layer has no bias
        }
        TensorEntry t = entries.get(HfLayouts.name(source.prefix(), s));
        float[] v = weights.floats(t.name());
        return s.transposed() ? Gpt2Layout.transpose(v, t.shape()[0], t.shape()[1]) : v;
      });
      return new HfModel(model, source);
    }
  }

  /** The decoder shape a {@code config.json} describes; {@code source} names it in errors. */
  public static ModelSpec spec(JsonNode json, String source) {
    JsonNode archs = json.path("architectures");
    String arch = archs.isArray() && archs.size() > 0 ? archs.get(0).asText() : "";
    if (!arch.endsWith(CLASSIFIER)) {
      return LlamaConfig.matches(json) ? LlamaConfig.parse(json, source)
          : Gpt2Config.parse(json, source).spec();
    }
    int labels = json.has("num_labels") ? json.get("num_labels").asInt()
        : json.path("id2label").size();
    if (labels != 1) {
      throw new ModelFormatException(source + ": a sequence classifier with " + labels
          + " labels (num_labels / id2label); a reward model has 1");
    }
    com.fasterxml.jackson.databind.node.ObjectNode lm =
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).deepCopy();
    String base = arch.substring(0, arch.length() - CLASSIFIER.length());
    lm.putArray("architectures").add(base.equals("GPT2") ? Gpt2Config.ARCHITECTURE
        : base + "ForCausalLM");
    return spec(lm, source).withHead(io.tether.core.model.HeadKind.REWARD);
  }

  @Override
  public void close() {
    model.close();
  }

  private static String gpt2Prefix(Map<String, TensorEntry> entries, Path dir) {
    if (entries.containsKey("transformer.wte.weight")) {
      return "transformer.";
    }
    if (entries.containsKey("wte.weight")) {
      return "";
    }
    throw new ModelFormatException(dir + ": no tensor transformer.wte.weight or wte.weight; "
        + "not a GPT-2 state dict");
  }

  /**
   * Checks presence and shape of every tensor; returns whether a tied LM head is stored as its
   * own tensor.
   */
  private static boolean checkNames(Map<String, TensorEntry> entries, Map<String, HfSlot> slots,
      String prefix, ModelSpec spec, Path dir) {
    Map<String, ai.djl.ndarray.types.Shape> shapes = GptModel.parameterShapes(spec);
    Set<String> used = new HashSet<>();
    for (Map.Entry<String, HfSlot> e : slots.entrySet()) {
      String name = HfLayouts.name(prefix, e.getValue());
      long[] want = shapes.get(e.getKey()).getShape();
      if (e.getValue().transposed()) {
        want = new long[] {want[1], want[0]};
      }
      checkShape(entries.get(name), name, want, dir);
      used.add(name);
    }
    boolean tiedHeadStored = !used.contains(Gpt2Layout.LM_HEAD)
        && entries.containsKey(Gpt2Layout.LM_HEAD);
    if (tiedHeadStored) {
      checkShape(entries.get(Gpt2Layout.LM_HEAD), Gpt2Layout.LM_HEAD,
          new long[] {spec.vocabSize(), spec.dModel()}, dir);
      used.add(Gpt2Layout.LM_HEAD);
    }
    Set<String> extra = new TreeSet<>();
    for (String n : entries.keySet()) {
      String bare = n.startsWith(prefix) ? n.substring(prefix.length()) : n;
      if (!used.contains(n) && !Gpt2Layout.isBuffer(bare) && !n.endsWith(LlamaLayout.INV_FREQ)) {
        extra.add(n);
      }
    }
    if (!extra.isEmpty()) {
      throw new ModelFormatException(dir + ": unexpected tensor " + extra.iterator().next()
          + (extra.size() > 1 ? " (and " + (extra.size() - 1) + " more)" : "")
          + " for this config.json (" + spec.nLayer() + " layers)");
    }
    return tiedHeadStored;
  }

  private static void checkShape(TensorEntry t, String name, long[] want, Path dir) {
    if (t == null) {
      throw new ModelFormatException(dir + ": missing tensor " + name + " (expected shape "
          + Arrays.toString(want) + ")");
    }
    if (!Arrays.equals(want, t.shape())) {
      throw new ModelFormatException(dir + ": tensor " + name + " has shape " + t.shapeText()
          + ", expected " + Arrays.toString(want) + " from config.json");
    }
  }
}
