package io.tether.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointException;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path dir;

  private static final List<int[]> PROBE = List.of(new int[] {256, 5, 6, 7});

  private static float[] logits(GptModel m) {
    return GptModelTest.lastLogits(m, TokenBatch.rightPadded(PROBE, 258), 0, 3);
  }

  private static void save(CheckpointStore store, long version, GptModel m) {
    try (CheckpointWriter w = store.begin(Role.POLICY, version)) {
      ModelStore.write(w, m);
      w.commit();
    }
  }

  @Test
  void aModelRoundTripsThroughTheStoreAndACorruptNewestFallsBack() throws Exception {
    CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString());
    try (GptModel v1 = GptModel.create(TinyModels.tinyLm(), 1);
        GptModel v2 = GptModel.create(TinyModels.tinyLm(), 2)) {
      save(store, 1, v1);
      save(store, 2, v2);
      try (GptModel loaded = ModelStore.read(store.openLatest(Role.POLICY), DataType.FLOAT32, null)) {
        assertArrayEquals(logits(v2), logits(loaded));
      }
      Path params = dir.resolve("checkpoints/policy/v000002/model.params");
      try (RandomAccessFile f = new RandomAccessFile(params.toFile(), "rw")) {
        f.setLength(f.length() - 10);
      }
      Files.deleteIfExists(dir.resolve("checkpoints/policy/v000002/.model.params.crc"));
      CheckpointException e =
          assertThrows(CheckpointException.class, () -> store.open(Role.POLICY, 2));
      assertTrue(e.getMessage().contains("v000002/model.params"), e.getMessage());
      Checkpoint previous = store.openLatestValid(Role.POLICY).checkpoint();
      assertEquals(1, previous.version());
      try (GptModel loaded = ModelStore.read(previous, DataType.FLOAT32, null)) {
        assertArrayEquals(logits(v1), logits(loaded));
      }
    }
  }

  @Test
  void anotherSizeIsRefusedNamingTheSpecFile() {
    CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString());
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 1)) {
      save(store, 1, m);
    }
    ModelSpec other = new ModelSpec(259, 4, 2, 64, 128, HeadKind.LM);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelStore.read(store.openLatest(Role.POLICY), other, DataType.FLOAT32, null));
    assertTrue(e.getMessage().contains("v000001/model.json: holds ModelSpec[vocabSize=259, nLayer=2"),
        e.getMessage());
  }
}
