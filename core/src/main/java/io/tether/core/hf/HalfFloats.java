package io.tether.core.hf;

/** IEEE half precision and bfloat16 conversions (Java 17 has neither). */
final class HalfFloats {
  private HalfFloats() {}

  /** The float value of the half-precision bits {@code h}. */
  static float halfToFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    if (exp == 0) {
      float sub = mant * 0x1p-24f;
      return sign == 0 ? sub : -sub;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** The half-precision bits nearest to {@code f} (ties to even; overflow to infinity). */
  static short floatToHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    float abs = Math.abs(f);
    if (Float.isNaN(f)) {
      return (short) (sign | 0x7E00);
    }
    if (abs >= 65520f) {
      return (short) (sign | 0x7C00);
    }
    if (abs < 0x1p-14f) {
      // subnormal: a multiple of 2^-24, rounded to nearest even by rint
      return (short) (sign | (int) Math.rint(abs * 0x1p24));
    }
    int a = Float.floatToRawIntBits(abs);
    int rounded = a + 0xFFF + ((a >>> 13) & 1);
    return (short) (sign | ((rounded >>> 13) - (112 << 10)));
  }

  /** The bfloat16 bits nearest to {@code f} (ties to even); NaN stays NaN. */
  static short floatToBfloat16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }
}
