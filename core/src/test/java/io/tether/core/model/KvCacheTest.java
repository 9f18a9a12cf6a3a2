package io.tether.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.tether.core.djl.GradMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preallocated cache, grown past its capacity, gives the logits of a full pass. */
class KvCacheTest {

  @Test
  void growingPastTheCapacityKeepsEveryColumn() {
    int[] seq = {256, 72, 105, 33, 10, 65, 66, 67, 68, 69, 70};
    try (GradMode g = GradMode.off();
        GptModel m = GptModel.create(TinyModels.tinyLm(), 9);
        KvCache cache = new KvCache(m.manager(), m.spec().nLayer(), 2)) {
      float[] full = GptModelTest.lastLogits(m,
          TokenBatch.rightPadded(List.of(seq), TinyModels.PAD), 0, seq.length - 1);
      float[] cached = null;
      for (int i = 0; i < seq.length; i++) {
        try (NDManager nd = m.manager().newSubManager()) {
          float[] bias = new float[i + 1];
          ModelInputs in = ModelInputs.of(nd, new long[] {seq[i]}, new long[] {i}, bias, 1, 1,
              i + 1, m.dtype());
          NDArray logits = m.logits(m.hidden(in, cache));
          cached = logits.toFloatArray();
        }
        assertEquals(i + 1, cache.length());
      }
      GptModelTest.assertClose(full, cached, 1e-4f);
    }
  }
}
