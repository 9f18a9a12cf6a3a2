package io.tether.core.hf;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.core.model.ModelFormatException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The weights of a model directory: {@code model.safetensors}, or the shards that {@code
 * model.safetensors.index.json}'s {@code weight_map} names. Every file is opened once and read by
 * tensor.
 */
public final class HfWeights implements AutoCloseable {
  /** The single-file weights' name. */
  public static final String SINGLE = "model.safetensors";
  /** The sharded weights' index. */
  public static final String INDEX = "model.safetensors.index.json";

  private final Map<String, SafeTensorsFile> files = new LinkedHashMap<>();
  private final Map<String, SafeTensorsFile> byTensor = new LinkedHashMap<>();

  private HfWeights() {}

  /** Opens the weights of {@code dir}. */
  public static HfWeights open(Path dir, Configuration conf) {
    HfWeights w = new HfWeights();
    try {
      Path index = new Path(dir, INDEX);
      if (HfFiles.exists(index, conf)) {
        w.openShards(dir, HfFiles.readJson(index, conf), index.toString(), conf);
      } else if (HfFiles.exists(new Path(dir, SINGLE), conf)) {
        w.add(SINGLE, SafeTensorsFile.open(new Path(dir, SINGLE), conf));
      } else {
        throw new ModelFormatException(dir + ": no " + SINGLE + " and no " + INDEX
            + " (Tether reads safetensors weights only)");
      }
      return w;
    } catch (RuntimeException e) {
      w.close();
      throw e;
    }
  }

  private void openShards(Path dir, JsonNode index, String source, Configuration conf) {
    JsonNode map = index.path("weight_map");
    if (!map.isObject() || map.isEmpty()) {
      throw new ModelFormatException(source + ": \"weight_map\" must be a non-empty object");
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    map.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
    for (String file : new java.util.LinkedHashSet<>(wanted.values())) {
      if (!files.containsKey(file)) {
        files.put(file, SafeTensorsFile.open(new Path(dir, file), conf));
      }
    }
    byTensor.clear();
    for (SafeTensorsFile f : files.values()) {
      f.entries().keySet().forEach(n -> byTensor.put(n, f));
    }
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      SafeTensorsFile f = byTensor.get(e.getKey());
      if (f == null || f != files.get(e.getValue())) {
        throw new ModelFormatException(source + ": weight_map puts " + e.getKey() + " in "
            + e.getValue() + ", which does not hold it");
      }
    }
  }

  private void add(String name, SafeTensorsFile f) {
    files.put(name, f);
    f.entries().keySet().forEach(n -> byTensor.put(n, f));
  }

  /** Every tensor's entry, by name. */
  public Map<String, TensorEntry> entries() {
    Map<String, TensorEntry> all = new LinkedHashMap<>();
    byTensor.forEach((n, f) -> all.put(n, f.entries().get(n)));
    return all;
  }

  /** The tensor's values as float32. */
  public float[] floats(String name) {
    return file(name).floats(name);
  }

  /** The tensor's bytes as stored. */
  public byte[] bytes(String name) {
    return file(name).bytes(name);
  }

  private SafeTensorsFile file(String name) {
    SafeTensorsFile f = byTensor.get(name);
    if (f == null) {
      throw new ModelFormatException("no tensor " + name + " in " + files.keySet());
    }
    return f;
  }

  /** The element type most of the weights' bytes are stored in. */
  public SafeTensorsDtype mainDtype() {
    Map<SafeTensorsDtype, Long> bytes = new LinkedHashMap<>();
    for (TensorEntry t : entries().values()) {
      bytes.merge(t.dtype(), t.end() - t.begin(), Long::sum);
    }
    return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .orElse(SafeTensorsDtype.F32);
  }

  @Override
  public void close() {
    files.values().forEach(SafeTensorsFile::close);
  }
}
