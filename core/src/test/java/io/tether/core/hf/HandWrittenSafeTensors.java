package io.tether.core.hf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tests' own safetensors writer, written from the format's description and sharing no code
 * with Tether's: header JSON by string concatenation, F32 little-endian or BF16 (values must be
 * exact in bfloat16: their low 16 bits zero).
 */
final class HandWrittenSafeTensors {
  /** One tensor: name, shape, values, stored as "F32" or "BF16". */
  record T(String name, long[] shape, float[] values, String dtype) {}

  private HandWrittenSafeTensors() {}

  static void write(Path file, Iterable<T> tensors) throws IOException {
    StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
    long offset = 0;
    Map<T, byte[]> data = new LinkedHashMap<>();
    for (T t : tensors) {
      byte[] b = bytes(t);
      data.put(t, b);
      h.append(",\"").append(t.name()).append("\":{\"dtype\":\"").append(t.dtype())
          .append("\",\"shape\":").append(Arrays.toString(t.shape()).replace(" ", ""))
          .append(",\"data_offsets\":[").append(offset).append(',').append(offset + b.length)
          .append("]}");
      offset += b.length;
    }
    byte[] header = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length)
          .array());
      out.write(header);
      for (byte[] b : data.values()) {
        out.write(b);
      }
    }
  }

  private static byte[] bytes(T t) {
    boolean bf16 = t.dtype().equals("BF16");
    ByteBuffer b = ByteBuffer.allocate(t.values().length * (bf16 ? 2 : 4))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (float v : t.values()) {
      int bits = Float.floatToRawIntBits(v);
      if (bf16) {
        if ((bits & 0xFFFF) != 0) {
          throw new IllegalArgumentException(v + " is not exact in bfloat16");
        }
        b.putShort((short) (bits >>> 16));
      } else {
        b.putFloat(v);
      }
    }
    return b.array();
  }
}
