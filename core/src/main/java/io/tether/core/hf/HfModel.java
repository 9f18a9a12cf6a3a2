package io.tether.core.hf;

import ai.djl.ndarray.types.DataType;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelSpec;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A GPT-2 model directory in the Hugging Face layout loaded as a Tether decoder (float32 on the
 * default device), with what an export needs to write it back the same way.
 *
 * @param model the decoder (the caller closes it)
 * @param source config, tensor prefix, element type and LM-head storage of the directory
 */
public record HfModel(GptModel model, HfSource source) implements AutoCloseable {
  /** The directory's configuration file. */
  public static final String CONFIG = "config.json";

  /** Loads {@code dir} (any Hadoop URI). */
  public static HfModel load(Path dir, Configuration conf) {
    Path configFile = new Path(dir, CONFIG);
    Gpt2Config config = Gpt2Config.parse(HfFiles.readJson(configFile, conf),
        configFile.toString());
    try (HfWeights weights = HfWeights.open(dir, conf)) {
      Map<String, TensorEntry> entries = weights.entries();
      String prefix = prefix(entries, dir);
      Map<String, Gpt2Layout.Slot> slots = Gpt2Layout.slots(config.spec());
      boolean lmHead = checkNames(entries, slots, prefix, config.spec(), dir);
      GptModel model = GptModel.fromValues(config.spec(), DataType.FLOAT32, null, name -> {
        Gpt2Layout.Slot s = slots.get(name);
        TensorEntry t = entries.get(prefix + s.hfName());
        float[] v = weights.floats(t.name());
        return s.transposed() ? Gpt2Layout.transpose(v, t.shape()[0], t.shape()[1]) : v;
      });
      SafeTensorsDtype dtype = config.dtype() != null ? config.dtype() : weights.mainDtype();
      return new HfModel(model, new HfSource(config.json(), prefix, dtype, lmHead));
    }
  }

  @Override
  public void close() {
    model.close();
  }

  private static String prefix(Map<String, TensorEntry> entries, Path dir) {
    if (entries.containsKey("transformer.wte.weight")) {
      return "transformer.";
    }
    if (entries.containsKey("wte.weight")) {
      return "";
    }
    throw new ModelFormatException(dir + ": no tensor transformer.wte.weight or wte.weight; "
        + "not a GPT-2 state dict");
  }

  /** Checks presence and shape of every tensor; returns whether the LM head is stored. */
  private static boolean checkNames(Map<String, TensorEntry> entries,
      Map<String, Gpt2Layout.Slot> slots, String prefix, ModelSpec spec, Path dir) {
    Map<String, ai.djl.ndarray.types.Shape> shapes = GptModel.parameterShapes(spec);
    Set<String> used = new HashSet<>();
    for (Map.Entry<String, Gpt2Layout.Slot> e : slots.entrySet()) {
      String name = prefix + e.getValue().hfName();
      long[] want = shapes.get(e.getKey()).getShape();
      if (e.getValue().transposed()) {
        want = new long[] {want[1], want[0]};
      }
      TensorEntry t = entries.get(name);
      if (t == null) {
        throw new ModelFormatException(dir + ": missing tensor " + name + " (expected shape "
            + java.util.Arrays.toString(want) + ")");
      }
      if (!java.util.Arrays.equals(want, t.shape())) {
        throw new ModelFormatException(dir + ": tensor " + name + " has shape " + t.shapeText()
            + ", expected " + java.util.Arrays.toString(want) + " from config.json");
      }
      used.add(name);
    }
    TensorEntry head = entries.get(Gpt2Layout.LM_HEAD);
    if (head != null && !java.util.Arrays.equals(head.shape(),
        new long[] {spec.vocabSize(), spec.dModel()})) {
      throw new ModelFormatException(dir + ": tensor " + Gpt2Layout.LM_HEAD + " has shape "
          + head.shapeText() + ", expected [" + spec.vocabSize() + ", " + spec.dModel() + "]");
    }
    Set<String> extra = new TreeSet<>();
    for (String n : entries.keySet()) {
      if (!used.contains(n) && !n.equals(Gpt2Layout.LM_HEAD)
          && !Gpt2Layout.isBuffer(n.substring(n.startsWith(prefix) ? prefix.length() : 0))) {
        extra.add(n);
      }
    }
    if (!extra.isEmpty()) {
      throw new ModelFormatException(dir + ": unexpected tensor " + extra.iterator().next()
          + (extra.size() > 1 ? " (and " + (extra.size() - 1) + " more)" : "")
          + " for a GPT-2 of " + spec.nLayer() + " layers");
    }
    return head != null;
  }
}
