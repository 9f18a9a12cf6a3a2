package io.tether.core.hf;

import java.util.Arrays;

/**
 * One tensor of a safetensors file.
 *
 * @param name the tensor's name
 * @param dtype element type
 * @param shape dimensions, outermost first
 * @param begin first byte, counted from the end of the header
 * @param end one past the last byte
 */
public record TensorEntry(String name, SafeTensorsDtype dtype, long[] shape, long begin,
    long end) {

  /** Number of elements. */
  public long elements() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The shape as {@code [a, b]}. */
  public String shapeText() {
    return Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorEntry t && name.equals(t.name) && dtype == t.dtype
        && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }
}
