package io.tether.core.hf;

/**
 * A tensor on its way into a safetensors file: float32 values, stored as {@code dtype}.
 *
 * @param name the tensor's name in the file
 * @param dtype the element type it is stored as
 * @param shape dimensions, outermost first
 * @param values row-major values
 */
public record HfTensor(String name, SafeTensorsDtype dtype, long[] shape, float[] values) {
  public HfTensor {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException("tensor " + name + ": " + values.length
          + " values for " + n + " elements");
    }
  }

  /** Bytes in the file. */
  public long byteSize() {
    return (long) values.length * dtype.bytes();
  }
}
