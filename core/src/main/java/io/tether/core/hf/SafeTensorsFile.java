package io.tether.core.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.model.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * One safetensors file open for reading (any Hadoop file system): an 8-byte little-endian header
 * length, a JSON header naming each tensor's dtype, shape and byte range, then the data. Tensors
 * are read one at a time by positioned reads, so a file of any size (past 2 GiB too) is never
 * read whole; one tensor must hold fewer than 2^31 bytes.
 */
public final class SafeTensorsFile implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Headers beyond this are refused (the format's own limit is 100 MB). */
  private static final long MAX_HEADER = 100L << 20;

  private final String uri;
  private final FSDataInputStream in;
  private final long dataStart;
  private final Map<String, TensorEntry> entries;
  private final Map<String, String> metadata;

  private SafeTensorsFile(String uri, FSDataInputStream in, long dataStart,
      Map<String, TensorEntry> entries, Map<String, String> metadata) {
    this.uri = uri;
    this.in = in;
    this.dataStart = dataStart;
    this.entries = entries;
    this.metadata = metadata;
  }

  /** Opens {@code file} and reads its header. */
  public static SafeTensorsFile open(Path file, Configuration conf) {
    String uri = file.toString();
    FSDataInputStream in = null;
    try {
      in = file.getFileSystem(conf).open(file);
      long length = file.getFileSystem(conf).getFileStatus(file).getLen();
      byte[] head = new byte[8];
      in.readFully(0, head);
      long n = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (n <= 0 || n > MAX_HEADER || 8 + n > length) {
        throw new ModelFormatException(uri + ": not a safetensors file (header length " + n
            + ", file length " + length + ")");
      }
      byte[] header = new byte[(int) n];
      in.readFully(8, header);
      JsonNode root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
      SafeTensorsFile f = new SafeTensorsFile(uri, in, 8 + n, new LinkedHashMap<>(),
          new LinkedHashMap<>());
      f.parse(root, length - 8 - n);
      return f;
    } catch (IOException e) {
      closeQuietly(in);
      throw new ModelFormatException(uri + ": cannot read the safetensors header: "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
  }

  private void parse(JsonNode root, long dataLength) {
    if (root == null || !root.isObject()) {
      throw new ModelFormatException(uri + ": the safetensors header is not a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        e.getValue().fields()
            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
      } else {
        entries.put(e.getKey(), entry(e.getKey(), e.getValue(), dataLength));
      }
    }
  }

  private TensorEntry entry(String name, JsonNode n, long dataLength) {
    String where = uri + ": tensor " + name;
    String dtypeName = n.path("dtype").asText();
    SafeTensorsDtype dtype = SafeTensorsDtype.parse(dtypeName);
    if (dtype == null) {
      throw new ModelFormatException(where + " has dtype \"" + dtypeName
          + "\"; Tether reads F32, F16 and BF16");
    }
    JsonNode shapeNode = n.path("shape");
    JsonNode offsets = n.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw new ModelFormatException(where + ": needs \"shape\" and two \"data_offsets\"");
    }
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
    }
    TensorEntry t = new TensorEntry(name, dtype, shape, offsets.get(0).asLong(),
        offsets.get(1).asLong());
    if (t.begin() < 0 || t.end() > dataLength || t.end() - t.begin()
        != t.elements() * dtype.bytes()) {
      throw new ModelFormatException(where + ": data_offsets [" + t.begin() + ", " + t.end()
          + "] do not fit shape " + t.shapeText() + " of " + dtype + " in " + dataLength
          + " data bytes");
    }
    return t;
  }

  /** The file's URI. */
  public String uri() {
    return uri;
  }

  /** Every tensor, in header order. */
  public Map<String, TensorEntry> entries() {
    return entries;
  }

  /** The header's {@code __metadata__} (empty when there is none). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The tensor's raw bytes, as stored. */
  public byte[] bytes(String name) {
    TensorEntry t = entries.get(name);
    if (t == null) {
      throw new ModelFormatException(uri + " has no tensor " + name);
    }
    long size = t.end() - t.begin();
    if (size > Integer.MAX_VALUE - 8) {
      throw new ModelFormatException(uri + ": tensor " + name + " holds " + size
          + " bytes; Tether reads tensors of under 2 GiB");
    }
    byte[] b = new byte[(int) size];
    try {
      in.readFully(dataStart + t.begin(), b);
    } catch (IOException e) {
      throw new ModelFormatException(uri + ": cannot read tensor " + name + ": " + e.getMessage(),
          e);
    }
    return b;
  }

  /** The tensor's values as float32 (F16 and BF16 are widened exactly). */
  public float[] floats(String name) {
    TensorEntry t = entries.get(name);
    byte[] b = bytes(name);
    float[] out = new float[Math.toIntExact(t.elements())];
    t.dtype().decode(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), out);
    return out;
  }

  private static void closeQuietly(FSDataInputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // the original error is the one to report
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(in);
  }
}
