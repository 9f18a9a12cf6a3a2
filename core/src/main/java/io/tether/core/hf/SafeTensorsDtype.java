package io.tether.core.hf;

import java.nio.ByteBuffer;

/** The element types Tether reads and writes in safetensors files, as the header spells them. */
public enum SafeTensorsDtype {
  F32(4),
  F16(2),
  BF16(2);

  private final int bytes;

  SafeTensorsDtype(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** The dtype named {@code name} in a header, or null when Tether does not read it. */
  static SafeTensorsDtype parse(String name) {
    for (SafeTensorsDtype d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The {@code torch_dtype} of {@code config.json} for this element type. */
  public String torchName() {
    return switch (this) {
      case F32 -> "float32";
      case F16 -> "float16";
      case BF16 -> "bfloat16";
    };
  }

  /** The element type of a {@code torch_dtype} value, or null for any other value. */
  public static SafeTensorsDtype ofTorchName(String name) {
    for (SafeTensorsDtype d : values()) {
      if (d.torchName().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** Reads {@code out.length} little-endian elements of this type from {@code in}. */
  void decode(ByteBuffer in, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (this) {
        case F32 -> in.getFloat();
        case F16 -> HalfFloats.halfToFloat(in.getShort());
        case BF16 -> Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
      };
    }
  }

  /** Writes {@code values} as little-endian elements of this type, rounding to nearest even. */
  void encode(float[] values, ByteBuffer out) {
    for (float v : values) {
      switch (this) {
        case F32 -> out.putFloat(v);
        case F16 -> out.putShort(HalfFloats.floatToHalf(v));
        case BF16 -> out.putShort(HalfFloats.floatToBfloat16(v));
      }
    }
  }
}
