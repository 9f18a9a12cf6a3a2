package io.tether.core.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelIo;
import io.tether.core.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Llama-family directories written by the test load into Tether's decoder and compute what
 * transformers computes: grouped-query attention, Qwen2's q/k/v biases, an untied head, an
 * explicit head_dim, the llama3 rope scaling; the full pass and the cached decoder against a
 * double-precision reference over ragged left-padded prompts; bit-exact round trips.
 */
class HfLlamaTest {
  private static final Configuration CONF = new Configuration();

  @TempDir Path tmp;

  @Test
  void qwen2WithGqaBiasesAndAnUntiedHeadMatchesTheReference() throws Exception {
    TinyLlama m = new TinyLlama(TinyLlama.QWEN_GQA_UNTIED, 1, false);
    try (HfModel h = HfGpt2ImportTest.load(m.write(tmp.resolve("q"), false))) {
      ModelSpec spec = h.model().spec();
      assertEquals(2, spec.llama().nKvHead());
      assertTrue(spec.llama().qkvBias());
      assertFalse(spec.llama().tiedEmbeddings());
      assertEquals(spec, ModelIo.parseSpec(ModelIo.specJson(spec), "model.json"));
      HfGpt2ImportTest.checkFullPass(h.model(), new LlamaReference(m));
      HfGpt2ImportTest.checkCachedDecoder(h.model(), new LlamaReference(m));
    }
  }

  @Test
  void llamaWithLlama3ScalingAndATiedHeadMatchesTheReference() throws Exception {
    TinyLlama m = new TinyLlama(TinyLlama.LLAMA3_TIED, 2, true);
    try (HfModel h = HfGpt2ImportTest.load(m.write(tmp.resolve("l"), true))) {
      assertNotNull(h.model().spec().llama().scaling());
      assertEquals(SafeTensorsDtype.BF16, h.source().dtype());
      HfGpt2ImportTest.checkFullPass(h.model(), new LlamaReference(m));
      HfGpt2ImportTest.checkCachedDecoder(h.model(), new LlamaReference(m));
    }
  }

  @Test
  void qwen3WithPerHeadQkNormsMatchesTheReference() throws Exception {
    TinyLlama m = new TinyLlama(TinyLlama.QWEN3_QK_NORM, 5, false);
    try (HfModel h = HfGpt2ImportTest.load(m.write(tmp.resolve("q3"), false))) {
      assertTrue(h.model().spec().llama().qkNorm());
      HfGpt2ImportTest.checkFullPass(h.model(), new LlamaReference(m));
      HfGpt2ImportTest.checkCachedDecoder(h.model(), new LlamaReference(m));
    }
  }

  @Test
  void roundTripsAreBitExact() throws Exception {
    for (TinyLlama.Shape shape : List.of(TinyLlama.QWEN_GQA_UNTIED, TinyLlama.LLAMA3_TIED,
        TinyLlama.QWEN3_QK_NORM)) {
      boolean bf16 = shape == TinyLlama.LLAMA3_TIED;
      Path in = new TinyLlama(shape, 3, bf16).write(tmp.resolve("in-" + shape.architecture()),
          bf16);
      Path out = tmp.resolve("out-" + shape.architecture());
      try (HfModel h = HfGpt2ImportTest.load(in)) {
        HfExport.write(h.model(), h.source(), HfRoundTripTest.hadoop(out), 2000, List.of(),
            Map.of(), CONF);
      }
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      assertEquals(json.readTree(in.resolve("config.json").toFile()),
          json.readTree(out.resolve("config.json").toFile()), "config fields");
      try (HfWeights a = HfWeights.open(HfRoundTripTest.hadoop(in), CONF);
          HfWeights b = HfWeights.open(HfRoundTripTest.hadoop(out), CONF)) {
        assertEquals(new java.util.TreeSet<>(a.entries().keySet()),
            new java.util.TreeSet<>(b.entries().keySet()));
        for (String n : a.entries().keySet()) {
          assertArrayEquals(a.entries().get(n).shape(), b.entries().get(n).shape(), n);
          assertEquals(a.entries().get(n).dtype(), b.entries().get(n).dtype(), n);
          assertArrayEquals(a.bytes(n), b.bytes(n), n);
        }
      }
    }
  }

  @Test
  void unsupportedFieldsAreNamed() throws Exception {
    TinyLlama m = new TinyLlama(TinyLlama.LLAMA3_TIED, 4, false);
    Path d = m.write(tmp.resolve("e"), false);
    Path config = d.resolve("config.json");
    String good = Files.readString(config);
    Files.writeString(config, good.replace("\"llama3\"", "\"yarn\""));
    assertTrue(error(d).contains("\"rope_scaling\" has type \"yarn\""));
    Files.writeString(config, good.replace("\"silu\"", "\"gelu\""));
    assertTrue(error(d).contains("\"hidden_act\" is \"gelu\""));
    Files.writeString(config, good.replace("\"rope_theta\"",
        "\"sliding_window\": 32,\n  \"rope_theta\""));
    assertTrue(error(d).contains("\"sliding_window\" is 32, shorter than"));
    Files.writeString(config, good.replace("\"num_key_value_heads\": 1",
        "\"num_key_value_heads\": 2"));
    assertTrue(error(d).contains("must be a multiple of nKvHead (2)"), error(d));
    Files.writeString(config, good.replace("\"num_hidden_layers\": 2",
        "\"num_hidden_layers\": 1"));
    assertTrue(error(d).contains("unexpected tensor model.layers.1."), error(d));
  }

  private static String error(Path dir) {
    return assertThrows(ModelFormatException.class,
        () -> HfGpt2ImportTest.load(dir).close()).getMessage();
  }
}
