package io.tether.core.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

/**
 * Writes a Tether LM as a Hugging Face directory (GPT-2 or Llama family, by its spec) that
 * {@code transformers} loads with
 * {@code from_pretrained}: {@code config.json}, the weights (one {@code model.safetensors}, or
 * shards of at most {@code shardBytes} with {@code model.safetensors.index.json}), metadata
 * {@code {"format": "pt"}}, and the given extra files (tokenizer) copied. Everything is written
 * into a hidden staging directory beside {@code out} and renamed into place at the end, so an
 * interrupted export leaves no half-written model under {@code out}.
 */
public final class HfExport {
  /** Shard size limit of {@code save_pretrained}'s default (5 GB). */
  public static final long DEFAULT_SHARD_BYTES = 5_000_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private HfExport() {}

  /**
   * Writes {@code model} to {@code out} (which must not exist).
   *
   * @param extraFiles files copied next to the weights under their own names
   * @param texts further files to write: name to content (a tokenizer made from the run)
   * @return the weight files written
   */
  public static List<String> write(GptModel model, HfSource source, Path out, long shardBytes,
      List<Path> extraFiles, Map<String, String> texts, Configuration conf) throws IOException {
    if (model.spec().head() != HeadKind.LM) {
      throw new IllegalArgumentException("only language models (policy, reference) are exported"
          + " as causal LMs; this model's head is " + model.spec().head());
    }
    FileSystem fs = out.getFileSystem(conf);
    if (fs instanceof org.apache.hadoop.fs.LocalFileSystem local) {
      fs = local.getRaw(); // no .crc side files in a directory other tools read
    }
    if (fs.exists(out)) {
      throw new IOException(out + " already exists; give a new directory to export into");
    }
    Path stage = new Path(out.getParent(), "." + out.getName() + ".partial-" + System.nanoTime());
    try {
      fs.mkdirs(stage);
      List<String> files = writeWeights(tensors(model, source), stage, shardBytes, fs);
      writeConfig(source, new Path(stage, HfModel.CONFIG), fs);
      for (Path extra : extraFiles) {
        FileUtil.copy(extra.getFileSystem(conf), extra, fs, new Path(stage, extra.getName()),
            false, conf);
      }
      for (Map.Entry<String, String> t : texts.entrySet()) {
        writeText(t.getValue(), new Path(stage, t.getKey()), fs);
      }
      if (!fs.rename(stage, out)) {
        throw new IOException("could not rename " + stage + " to " + out);
      }
      return files;
    } finally {
      if (fs.exists(stage)) {
        fs.delete(stage, true);
      }
    }
  }

  /** The model's tensors under their GPT-2 names, in layout order. */
  static List<HfTensor> tensors(GptModel model, HfSource source) {
    List<HfTensor> out = new ArrayList<>();
    for (Map.Entry<String, HfSlot> e : HfLayouts.slots(model.spec()).entrySet()) {
      var a = model.parameters().get(e.getKey());
      long[] shape = a.getShape().getShape();
      float[] v = floats(a);
      if (e.getValue().transposed()) {
        v = Gpt2Layout.transpose(v, shape[0], shape[1]);
        shape = new long[] {shape[1], shape[0]};
      }
      out.add(new HfTensor(HfLayouts.name(source.prefix(), e.getValue()), source.dtype(), shape,
          v));
    }
    if (source.storesLmHead()) {
      HfTensor wte = out.get(0);
      out.add(new HfTensor(Gpt2Layout.LM_HEAD, wte.dtype(), wte.shape(), wte.values()));
    }
    return out;
  }

  private static float[] floats(ai.djl.ndarray.NDArray a) {
    if (a.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32) {
      return a.toFloatArray();
    }
    try (ai.djl.ndarray.NDArray f = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, true)) {
      return f.toFloatArray();
    }
  }

  private static List<String> writeWeights(List<HfTensor> tensors, Path dir, long shardBytes,
      FileSystem fs) throws IOException {
    List<List<HfTensor>> shards = shards(tensors, shardBytes);
    Map<String, String> meta = Map.of("format", "pt");
    if (shards.size() == 1) {
      write(shards.get(0), meta, new Path(dir, HfWeights.SINGLE), fs);
      return List.of(HfWeights.SINGLE);
    }
    List<String> names = new ArrayList<>();
    Map<String, String> weightMap = new LinkedHashMap<>();
    long total = 0;
    for (int i = 0; i < shards.size(); i++) {
      String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      write(shards.get(i), meta, new Path(dir, name), fs);
      names.add(name);
      for (HfTensor t : shards.get(i)) {
        weightMap.put(t.name(), name);
        total += t.byteSize();
      }
    }
    ObjectNode index = JSON.createObjectNode();
    index.putObject("metadata").put("total_size", total);
    ObjectNode map = index.putObject("weight_map");
    weightMap.forEach(map::put);
    writeText(index.toPrettyString(), new Path(dir, HfWeights.INDEX), fs);
    return names;
  }

  /** Consecutive groups of at most {@code limit} bytes (a larger tensor gets a shard alone). */
  static List<List<HfTensor>> shards(List<HfTensor> tensors, long limit) {
    List<List<HfTensor>> shards = new ArrayList<>();
    List<HfTensor> current = new ArrayList<>();
    long size = 0;
    for (HfTensor t : tensors) {
      if (!current.isEmpty() && size + t.byteSize() > limit) {
        shards.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(t);
      size += t.byteSize();
    }
    shards.add(current);
    return shards;
  }

  private static void write(List<HfTensor> tensors, Map<String, String> meta, Path file,
      FileSystem fs) throws IOException {
    try (OutputStream o = new java.io.BufferedOutputStream(fs.create(file, false), 1 << 20)) {
      SafeTensorsWriter.write(tensors, meta, o);
    }
  }

  private static void writeConfig(HfSource source, Path file, FileSystem fs) throws IOException {
    ObjectNode c = ((ObjectNode) source.config()).deepCopy();
    c.put("torch_dtype", source.dtype().torchName());
    writeText(c.toPrettyString() + "\n", file, fs);
  }

  private static void writeText(String text, Path file, FileSystem fs) throws IOException {
    try (OutputStream o = fs.create(file, false)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
