package io.tether.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelIoTest {
  private static final List<int[]> PROBE = List.of(new int[] {256, 1, 2, 3}, new int[] {256, 9});

  private static byte[] save(GptModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelIo.writeParameters(m.parameters(), out);
    return out.toByteArray();
  }

  @Test
  void saveThenLoadGivesBitIdenticalLogitsForEveryHead() throws IOException {
    for (HeadKind head : HeadKind.values()) {
      ModelSpec spec = TinyModels.tinyLm().withHead(head);
      try (GptModel m = GptModel.create(spec, 8);
          GptModel copy = ModelIo.read(spec, new ByteArrayInputStream(save(m)), "mem",
              DataType.FLOAT32, null)) {
        for (String name : m.parameters().asMap().keySet()) {
          assertArrayEquals(m.parameters().get(name).toFloatArray(),
              copy.parameters().get(name).toFloatArray(), name);
        }
        float[] a = GptModelTest.lastLogits(m, TokenBatch.rightPadded(PROBE, 258), 0, 3);
        float[] b = GptModelTest.lastLogits(copy, TokenBatch.rightPadded(PROBE, 258), 0, 3);
        assertArrayEquals(a, b);
      }
    }
  }

  @Test
  void specJsonRoundTrips() {
    ModelSpec spec = new ModelSpec(50258, 3, 4, 96, 200, HeadKind.REWARD);
    assertEquals(spec, ModelIo.parseSpec(ModelIo.specJson(spec), "model.json"));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelIo.parseSpec("{\"vocab_size\": 3}", "x/model.json"));
    assertTrue(e.getMessage().startsWith("x/model.json"), e.getMessage());
    assertTrue(e.getMessage().contains("n_layer"), e.getMessage());
  }

  @Test
  void aCheckpointOfAnotherSizeIsRefusedNamingTheParameter() throws IOException {
    byte[] tiny;
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 8)) {
      tiny = save(m);
    }
    ModelSpec wider = new ModelSpec(259, 2, 2, 32, 128, HeadKind.LM);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelIo.read(wider, new ByteArrayInputStream(tiny), "ck/model.params",
            DataType.FLOAT32, null));
    assertEquals("ck/model.params: parameter wte has shape (259, 64) in the file but (259, 32)"
        + " in the model (a checkpoint of another model size?)", e.getMessage());
    ModelSpec deeper = new ModelSpec(259, 3, 2, 64, 128, HeadKind.LM);
    e = assertThrows(ModelFormatException.class,
        () -> ModelIo.read(deeper, new ByteArrayInputStream(tiny), "ck/model.params",
            DataType.FLOAT32, null));
    assertTrue(e.getMessage().contains("holds 28 parameters but the model has 40"), e.getMessage());
  }

  @Test
  void aTruncatedFileIsReportedAsTruncated() throws IOException {
    byte[] bytes;
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 8)) {
      bytes = save(m);
    }
    byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelIo.read(TinyModels.tinyLm(), new ByteArrayInputStream(cut), "p/model.params",
            DataType.FLOAT32, null));
    assertEquals("p/model.params: truncated parameter file", e.getMessage());
    ModelFormatException junk = assertThrows(ModelFormatException.class,
        () -> ModelIo.read(TinyModels.tinyLm(), new ByteArrayInputStream(new byte[] {0, 3, 65, 66,
            67}), "j", DataType.FLOAT32, null));
    assertTrue(junk.getMessage().contains("not a Tether parameter file"), junk.getMessage());
  }

  @Test
  void copyFromMovesTheTrunkIntoAnotherHead() {
    try (GptModel policy = GptModel.create(TinyModels.tinyLm(), 1);
        GptModel reward = GptModel.create(TinyModels.tinyLm().withHead(HeadKind.REWARD), 2)) {
      int copied = reward.parameters().copyFrom(policy.parameters(), n -> !n.startsWith("head."));
      assertEquals(policy.parameters().asMap().size(), copied);
      assertArrayEquals(policy.parameters().get("layers.1.attn.qkv.weight").toFloatArray(),
          reward.parameters().get("layers.1.attn.qkv.weight").toFloatArray());
    }
  }
}
