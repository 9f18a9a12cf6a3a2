package io.tether.core.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.model.ModelFormatException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model directory can be wrong gets one line naming the file, field or tensor. */
class HfErrorsTest {
  @TempDir Path tmp;

  private Path dir() throws Exception {
    return new TinyGpt2(5, false).write(tmp.resolve("m"),
        new TinyGpt2.Options("transformer.", false, false, false));
  }

  private static String error(Path dir) {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> HfGpt2ImportTest.load(dir).close());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void anotherArchitectureIsNamed() throws Exception {
    Path d = dir();
    Files.writeString(d.resolve("config.json"), TinyGpt2.config("gelu_new")
        .replace("GPT2LMHeadModel", "MambaForCausalLM"));
    String m = error(d);
    assertTrue(m.contains("\"architectures\" is [\"MambaForCausalLM\"]"), m);
  }

  @Test
  void anUnsupportedActivationIsNamed() throws Exception {
    Path d = dir();
    Files.writeString(d.resolve("config.json"), TinyGpt2.config("relu"));
    String m = error(d);
    assertTrue(m.contains("config.json: \"activation_function\" is \"relu\""), m);
  }

  @Test
  void brokenJsonNamesLineAndColumn() throws Exception {
    Path d = dir();
    Files.writeString(d.resolve("config.json"), "{\n  \"n_embd\": 8,\n  oops\n}");
    String m = error(d);
    assertTrue(m.contains("config.json: not valid JSON at line 3, column"), m);
  }

  @Test
  void aMissingTensorIsNamedWithItsExpectedShape() throws Exception {
    TinyGpt2 g = new TinyGpt2(6, false);
    g.tensors.remove("h.1.mlp.c_fc.bias");
    Path d = g.write(tmp.resolve("m"), new TinyGpt2.Options("", false, false, false));
    String m = error(d);
    assertTrue(m.contains("missing tensor h.1.mlp.c_fc.bias (expected shape [32])"), m);
  }

  @Test
  void aWrongShapeNamesTheTensorAndBothShapes() throws Exception {
    TinyGpt2 g = new TinyGpt2(6, false);
    g.shapes.put("h.0.attn.c_attn.weight", new long[] {24, 8});
    Path d = g.write(tmp.resolve("m"), new TinyGpt2.Options("", false, false, false));
    String m = error(d);
    assertTrue(m.contains("tensor h.0.attn.c_attn.weight has shape [24, 8], expected [8, 24]"),
        m);
  }

  @Test
  void anUnexpectedTensorIsNamed() throws Exception {
    TinyGpt2 g = new TinyGpt2(6, false);
    g.tensors.put("h.2.ln_1.weight", new float[8]);
    g.shapes.put("h.2.ln_1.weight", new long[] {8});
    Path d = g.write(tmp.resolve("m"), new TinyGpt2.Options("", false, false, false));
    String m = error(d);
    assertTrue(m.contains("unexpected tensor h.2.ln_1.weight"), m);
  }

  @Test
  void anUnreadableDtypeAndBadOffsetsAreNamed() throws Exception {
    Path d = dir();
    Path f = d.resolve("model.safetensors");
    String header = "{\"x\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[0,2]}}";
    writeRaw(f, header, new byte[2]);
    String m = error(d);
    assertTrue(m.contains("tensor x has dtype \"I8\""), m);
    writeRaw(f, "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}", new byte[8]);
    m = error(d);
    assertTrue(m.contains("data_offsets [0, 12] do not fit shape [3] of F32 in 8 data bytes"), m);
  }

  @Test
  void noWeightsAtAllIsSaid() throws Exception {
    Path d = dir();
    Files.delete(d.resolve("model.safetensors"));
    String m = error(d);
    assertTrue(m.contains("no model.safetensors and no model.safetensors.index.json"), m);
  }

  /** A sparse file whose tensor lies past 2 GiB: read by its offset, not by reading the file. */
  @Test
  void aTensorPastTwoGibIsReadByItsOffset() throws Exception {
    long filler = (1L << 31) + 64;
    String header = "{\"filler\":{\"dtype\":\"F32\",\"shape\":[" + filler / 4
        + "],\"data_offsets\":[0," + filler + "]},\"x\":{\"dtype\":\"BF16\",\"shape\":[3],"
        + "\"data_offsets\":[" + filler + "," + (filler + 6) + "]}}";
    Path f = tmp.resolve("big.safetensors");
    writeRaw(f, header, new byte[0]);
    long dataStart = 8 + header.getBytes(StandardCharsets.UTF_8).length;
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(dataStart + filler);
      raf.write(new byte[] {(byte) 0x80, 0x3F, 0x00, (byte) 0xC0, (byte) 0x49, 0x40});
    }
    try (SafeTensorsFile s = SafeTensorsFile.open(
        new org.apache.hadoop.fs.Path(f.toUri()), new Configuration())) {
      assertArrayEquals(new float[] {1f, -2f, 3.140625f}, s.floats("x"));
    }
  }

  private static void writeRaw(Path f, String header, byte[] data) throws Exception {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    Files.write(f, b.array());
  }

  @Test
  void halfAndBfloat16ConversionsFollowTheirDefinitions() {
    for (int bits = 0; bits < 0x10000; bits++) {
      int exp = (bits >>> 10) & 0x1F;
      if (exp == 0x1F) {
        continue;
      }
      int mant = bits & 0x3FF;
      double v = (exp == 0 ? mant / 1024.0 * Math.pow(2, -14)
          : (1 + mant / 1024.0) * Math.pow(2, exp - 15)) * ((bits & 0x8000) != 0 ? -1 : 1);
      float f = HalfFloats.halfToFloat((short) bits);
      assertTrue(f == v, "half " + Integer.toHexString(bits) + " -> " + f + ", want " + v);
      assertTrue((HalfFloats.floatToHalf(f) & 0xFFFF) == bits || bits == 0x8000 && f == 0,
          Integer.toHexString(bits));
    }
    // ties go to the even neighbour
    assertTrue(HalfFloats.floatToHalf(1 + 0x1p-11f) == 0x3C00);
    assertTrue(HalfFloats.floatToHalf(1 + 3 * 0x1p-11f) == 0x3C02);
    assertTrue(HalfFloats.floatToHalf(70000f) == 0x7C00);
    assertTrue(HalfFloats.floatToBfloat16(1 + 0x1p-8f) == 0x3F80);
    assertTrue(HalfFloats.floatToBfloat16(1 + 3 * 0x1p-8f) == 0x3F82);
    assertTrue(HalfFloats.floatToBfloat16(-2f) == (short) 0xC000);
  }

  @Test
  void aShardIndexPointingAtTheWrongFileIsNamed() throws Exception {
    Path d = new TinyGpt2(7, false).write(tmp.resolve("s"),
        new TinyGpt2.Options("", false, true, false));
    Path index = d.resolve("model.safetensors.index.json");
    Files.writeString(index, Files.readString(index).replace(
        "\"wte.weight\": \"model-00001-of-00002.safetensors\"",
        "\"wte.weight\": \"model-00002-of-00002.safetensors\""));
    String m = error(d);
    assertTrue(m.contains("weight_map puts wte.weight in model-00002-of-00002.safetensors"), m);
    List.of(m).forEach(x -> assertTrue(x.contains("index.json"), x));
  }
}
