package io.tether.core.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import -> export -> import is bit-exact: every tensor's stored bytes, names, shapes and dtype,
 * and config.json's fields come back as the test wrote them; sharding follows the size limit; a
 * model Tether trained exports as a GPT-2 that the reference computes the same way.
 */
class HfRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Configuration CONF = new Configuration();

  @TempDir Path tmp;

  @Test
  void float32SingleFileComesBackByteForByte() throws Exception {
    Path in = new TinyGpt2(3, false).write(tmp.resolve("in"),
        new TinyGpt2.Options("transformer.", false, false, true));
    Path out = tmp.resolve("out");
    try (HfModel m = HfGpt2ImportTest.load(in)) {
      List<String> files = HfExport.write(m.model(), m.source(), hadoop(out),
          HfExport.DEFAULT_SHARD_BYTES, List.of(), Map.of(), CONF);
      assertEquals(List.of("model.safetensors"), files);
    }
    assertSameTensors(in, out, true);
    assertSameConfig(in, out);
    try (SafeTensorsFile f = SafeTensorsFile.open(hadoop(out.resolve("model.safetensors")),
        CONF)) {
      assertEquals(Map.of("format", "pt"), f.metadata());
    }
  }

  @Test
  void bfloat16ShardsComeBackByteForByteInShardsUnderTheLimit() throws Exception {
    Path in = new TinyGpt2(4, true).write(tmp.resolve("in"),
        new TinyGpt2.Options("", true, true, false));
    Path out = tmp.resolve("out");
    long limit = 1200;
    try (HfModel m = HfGpt2ImportTest.load(in)) {
      List<String> files = HfExport.write(m.model(), m.source(), hadoop(out), limit, List.of(),
          Map.of(), CONF);
      assertTrue(files.size() > 2, files.toString());
      for (String f : files) {
        try (SafeTensorsFile s = SafeTensorsFile.open(hadoop(out.resolve(f)), CONF)) {
          long bytes = s.entries().values().stream().mapToLong(e -> e.end() - e.begin()).sum();
          assertTrue(bytes <= limit || s.entries().size() == 1, f + " holds " + bytes);
        }
      }
    }
    JsonNode index = JSON.readTree(out.resolve("model.safetensors.index.json").toFile());
    assertEquals(new TinyGpt2(4, true).tensors.values().stream()
        .mapToLong(v -> 2L * v.length).sum(), index.path("metadata").path("total_size").asLong());
    assertSameTensors(in, out, false);
    assertSameConfig(in, out);
    try (HfModel again = HfGpt2ImportTest.load(out)) {
      HfGpt2ImportTest.checkFullPass(again.model(),
          HfGpt2ImportTest.reference(new TinyGpt2(4, true)));
    }
  }

  @Test
  void aTetherModelExportsAsAGpt2WithExactGeluAndItsTokenizerFile() throws Exception {
    ModelSpec spec = new ModelSpec(TinyGpt2.VOCAB, 2, 2, 8, 16, HeadKind.LM);
    Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"), "{\"model\": {}}");
    Path out = tmp.resolve("out");
    try (GptModel m = GptModel.create(spec, 9)) {
      HfExport.write(m, HfSource.forTether(spec, 21, 22), hadoop(out),
          HfExport.DEFAULT_SHARD_BYTES, List.of(hadoop(tokenizer)), Map.of(), CONF);
    }
    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    assertEquals("gelu", config.path("activation_function").asText());
    assertEquals("float32", config.path("torch_dtype").asText());
    assertEquals("{\"model\": {}}", Files.readString(out.resolve("tokenizer.json")));
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of("config.json", "model.safetensors", "tokenizer.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Map<String, float[]> hf = new java.util.HashMap<>();
    try (SafeTensorsFile f = SafeTensorsFile.open(hadoop(out.resolve("model.safetensors")),
        CONF)) {
      f.entries().keySet().forEach(n -> hf.put(n.substring("transformer.".length()),
          f.floats(n)));
    }
    try (HfModel back = HfGpt2ImportTest.load(out)) {
      HfGpt2ImportTest.checkFullPass(back.model(),
          new Gpt2Reference(hf, 8, 2, 2, TinyGpt2.VOCAB, 1e-5, false));
    }
  }

  @Test
  void anExistingDirectoryIsRefusedAndNothingIsLeftBehind() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    ModelSpec spec = new ModelSpec(TinyGpt2.VOCAB, 1, 2, 8, 16, HeadKind.LM);
    try (GptModel m = GptModel.create(spec, 1)) {
      IOException e = assertThrows(IOException.class, () -> HfExport.write(m,
          HfSource.forTether(spec, 21, 22), hadoop(out), 100, List.of(), Map.of(), CONF));
      assertTrue(e.getMessage().contains("already exists"), e.getMessage());
      IllegalArgumentException critic = assertThrows(IllegalArgumentException.class, () -> {
        try (GptModel c = GptModel.create(spec.withHead(HeadKind.VALUE), 1)) {
          HfExport.write(c, HfSource.forTether(spec, 21, 22), hadoop(tmp.resolve("c")), 100,
              List.of(), Map.of(), CONF);
        }
      });
      assertTrue(critic.getMessage().contains("VALUE"), critic.getMessage());
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("partial")));
    }
  }

  static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  /** Same names, shapes, dtypes and bytes; buffers aside when the input had them. */
  private static void assertSameTensors(Path in, Path out, boolean inHasBuffers) {
    try (HfWeights a = HfWeights.open(hadoop(in), CONF);
        HfWeights b = HfWeights.open(hadoop(out), CONF)) {
      Map<String, TensorEntry> want = new java.util.TreeMap<>(a.entries());
      if (inHasBuffers) {
        want.keySet().removeIf(n -> n.endsWith(".attn.bias"));
      }
      assertEquals(want.keySet(), new java.util.TreeSet<>(b.entries().keySet()));
      for (String n : want.keySet()) {
        TensorEntry x = want.get(n);
        TensorEntry y = b.entries().get(n);
        assertEquals(x.dtype(), y.dtype(), n);
        assertArrayEquals(x.shape(), y.shape(), n);
        assertArrayEquals(a.bytes(n), b.bytes(n), n);
      }
    }
  }

  private static void assertSameConfig(Path in, Path out) throws IOException {
    JsonNode a = JSON.readTree(in.resolve("config.json").toFile());
    JsonNode b = JSON.readTree(out.resolve("config.json").toFile());
    assertEquals(a, b);
  }
}
