package io.tether.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.NdArrays;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Reads and writes a model as two files: {@code model.json} (its {@link ModelSpec}) and {@code
 * model.params} (every parameter by name, shape, dtype and little-endian values).
 *
 * <p>Params format: magic {@code TTHRPRM1}, int count, then per parameter: UTF name, UTF dtype,
 * int rank, long dims, int byte length, bytes. Loading checks that the names, shapes and dtypes
 * match the spec's model exactly and names the file and parameter when they do not.
 */
public final class ModelIo {
  private static final String MAGIC = "TTHRPRM1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelIo() {}

  /** The spec as JSON: {@code {"vocab_size":..., "n_layer":..., ...}}. */
  public static String specJson(ModelSpec spec) {
    ObjectNode n = JSON.createObjectNode();
    n.put("vocab_size", spec.vocabSize());
    n.put("n_layer", spec.nLayer());
    n.put("n_head", spec.nHead());
    n.put("d_model", spec.dModel());
    n.put("context_length", spec.contextLength());
    n.put("head", spec.head().name().toLowerCase(java.util.Locale.ROOT));
    n.put("activation", spec.activation().name().toLowerCase(java.util.Locale.ROOT));
    n.put("layer_norm_eps", spec.layerNormEps());
    if (spec.isLlama()) {
      n.set("llama", JSON.valueToTree(spec.llama()));
    }
    return n.toPrettyString();
  }

  /** Parses {@link #specJson}; {@code source} names the file in errors. */
  public static ModelSpec parseSpec(String json, String source) {
    try {
      JsonNode n = JSON.readTree(json);
      return new ModelSpec(
          intField(n, "vocab_size", source),
          intField(n, "n_layer", source),
          intField(n, "n_head", source),
          intField(n, "d_model", source),
          intField(n, "context_length", source),
          HeadKind.valueOf(textField(n, "head", source).toUpperCase(java.util.Locale.ROOT)),
          n.has("activation") ? MlpActivation.valueOf(
              textField(n, "activation", source).toUpperCase(java.util.Locale.ROOT))
              : MlpActivation.GELU,
          n.has("layer_norm_eps") ? n.get("layer_norm_eps").asDouble()
              : ModelSpec.DEFAULT_LAYER_NORM_EPS,
          n.has("llama") ? JSON.treeToValue(n.get("llama"), LlamaShape.class) : null);
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelFormatException(source + ": not a model spec: " + e.getMessage(), e);
    }
  }

  /** Writes every parameter of {@code params}; the stream is flushed, not closed. */
  public static void writeParameters(ParameterSet params, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    data.writeUTF(MAGIC);
    data.writeInt(params.asMap().size());
    for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
      NDArray a = e.getValue();
      data.writeUTF(e.getKey());
      data.writeUTF(a.getDataType().name());
      long[] dims = a.getShape().getShape();
      data.writeInt(dims.length);
      for (long d : dims) {
        data.writeLong(d);
      }
      byte[] bytes = a.toByteArray();
      data.writeInt(bytes.length);
      data.write(bytes);
    }
    data.flush();
  }

  /**
   * Reads a model of shape {@code spec} from {@code in}.
   *
   * @param source the file's name or URI, for error messages
   * @param dtype the dtype to hold the parameters in (converted if the file differs)
   */
  public static GptModel read(
      ModelSpec spec, InputStream in, String source, DataType dtype, Device device) {
    NDManager manager = DjlRuntime.engine().newBaseManager(device);
    try {
      ParameterSet loaded = readInto(ParameterInit.layout(spec), in, source, manager, dtype);
      return GptModel.wrap(spec, manager, dtype, loaded);
    } catch (IOException | RuntimeException e) {
      manager.close();
      if (e instanceof ModelFormatException mfe) {
        throw mfe;
      }
      throw new ModelFormatException(source + ": cannot read model parameters: " + e, e);
    }
  }

  private static ParameterSet readInto(
      Map<String, ParameterInit.Slot> expected,
      InputStream in,
      String source,
      NDManager manager,
      DataType dtype)
      throws IOException {
    DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    try {
      String magic = data.readUTF();
      if (!MAGIC.equals(magic)) {
        throw new ModelFormatException(source + ": not a Tether parameter file (magic " + magic + ")");
      }
      int count = data.readInt();
      if (count != expected.size()) {
        throw new ModelFormatException(source + ": holds " + count + " parameters but the model"
            + " has " + expected.size() + " (a checkpoint of another model size?)");
      }
      ParameterSet out = new ParameterSet();
      for (Map.Entry<String, ParameterInit.Slot> e : expected.entrySet()) {
        out.put(e.getKey(), readOne(data, e.getKey(), e.getValue().shape(), source, manager)
            .toType(dtype, false));
      }
      return out;
    } catch (EOFException e) {
      throw new ModelFormatException(source + ": truncated parameter file", e);
    }
  }

  private static NDArray readOne(
      DataInputStream data, String name, Shape shape, String source, NDManager manager)
      throws IOException {
    String found = data.readUTF();
    if (!found.equals(name)) {
      throw new ModelFormatException(
          source + ": expected parameter " + name + " but found " + found);
    }
    DataType fileType = DataType.valueOf(data.readUTF());
    long[] dims = new long[data.readInt()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = data.readLong();
    }
    Shape fileShape = new Shape(dims);
    if (!fileShape.equals(shape)) {
      throw new ModelFormatException(source + ": parameter " + name + " has shape " + fileShape
          + " in the file but " + shape + " in the model (a checkpoint of another model size?)");
    }
    byte[] bytes = new byte[data.readInt()];
    if (bytes.length != shape.size() * fileType.getNumOfBytes()) {
      throw new ModelFormatException(source + ": parameter " + name + " has " + bytes.length
          + " bytes, expected " + shape.size() * fileType.getNumOfBytes());
    }
    data.readFully(bytes);
    return NdArrays.fromBytes(manager, bytes, shape, fileType);
  }

  private static int intField(JsonNode n, String key, String source) {
    JsonNode v = n.get(key);
    if (v == null || !v.canConvertToInt()) {
      throw new ModelFormatException(source + ": missing or non-integer \"" + key + "\"");
    }
    return v.intValue();
  }

  private static String textField(JsonNode n, String key, String source) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) {
      throw new ModelFormatException(source + ": missing or non-text \"" + key + "\"");
    }
    return v.textValue();
  }
}
