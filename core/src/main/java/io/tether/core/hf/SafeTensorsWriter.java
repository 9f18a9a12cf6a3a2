package io.tether.core.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes one safetensors file: the header (tensors in the given order, data offsets packed, the
 * header padded with spaces to a multiple of 8 bytes as the reference writer does) and the data.
 */
public final class SafeTensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SafeTensorsWriter() {}

  /** Writes {@code tensors} with {@code metadata} to {@code out} (not closed). */
  public static void write(List<HfTensor> tensors, Map<String, String> metadata, OutputStream out)
      throws IOException {
    byte[] header = header(tensors, metadata);
    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    len.putLong(header.length);
    out.write(len.array());
    out.write(header);
    for (HfTensor t : tensors) {
      ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(t.byteSize()))
          .order(ByteOrder.LITTLE_ENDIAN);
      t.dtype().encode(t.values(), b);
      out.write(b.array());
    }
  }

  private static byte[] header(List<HfTensor> tensors, Map<String, String> metadata) {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode m = root.putObject("__metadata__");
      metadata.forEach(m::put);
    }
    long offset = 0;
    for (HfTensor t : tensors) {
      ObjectNode n = root.putObject(t.name());
      n.put("dtype", t.dtype().name());
      ArrayNode shape = n.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      ArrayNode offsets = n.putArray("data_offsets");
      offsets.add(offset);
      offset += t.byteSize();
      offsets.add(offset);
    }
    StringBuilder json = new StringBuilder(root.toString());
    while (json.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
      json.append(' ');
    }
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
