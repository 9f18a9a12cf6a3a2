package io.tether.core.hf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random tensors by name for the test-written models, optionally exact in bfloat16 (low 16 bits
 * cleared) so that the same values can be stored as F32 or BF16.
 */
final class RandomTensors {
  final Map<String, float[]> tensors = new LinkedHashMap<>();
  final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final Random random;
  private final boolean bf16;

  RandomTensors(long seed, boolean bf16) {
    this.random = new Random(seed);
    this.bf16 = bf16;
  }

  /** N(0, std) values of the given shape. */
  void normal(String name, double std, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = round((float) (std * random.nextGaussian()));
    }
    tensors.put(name, v);
    shapes.put(name, shape);
  }

  /** A norm's gains: 1 + N(0, 0.1), {@code n} of them. */
  void aroundOne(String name, long n) {
    normal(name, 0.1, n);
    float[] v = tensors.get(name);
    for (int i = 0; i < v.length; i++) {
      v[i] = round(v[i] + 1);
    }
  }

  private float round(float v) {
    return bf16 ? Float.intBitsToFloat(Float.floatToRawIntBits(v) & 0xFFFF0000) : v;
  }
}
