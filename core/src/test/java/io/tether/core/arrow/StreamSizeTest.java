package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class StreamSizeTest {
  private static final int PROMPT = 16;
  private static final int RESPONSE = 32;
  private static final int ROWS = 64;

  @Test
  void typicalScoredRolloutCostsLessThanTwiceItsPayload() {
    RandomRows random = new RandomRows(30);
    List<ScoredRollout> rows =
        random.list(ROWS, () -> random.scored(random.rollout(PROMPT, RESPONSE)));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(ScoredRolloutCodec.INSTANCE, rows, allocator, ROWS);
      // ids and versions, tokens, two float lists, sample index, finished (1 byte), two scores
      int payload = 8 + 8 + 4 * PROMPT + 4 * RESPONSE + 2 * 4 * RESPONSE + 4 + 1 + 4 + 4;
      double perRow = (double) bytes.length / ROWS;
      System.out.printf(
          "scored rollout (prompt %d, response %d): %.1f bytes per row in a %d-row batch,"
              + " payload %d bytes, ratio %.2f%n",
          PROMPT, RESPONSE, perRow, ROWS, payload, perRow / payload);
      assertTrue(perRow < 2.0 * payload, perRow + " bytes per row for " + payload);
      assertTrue(perRow > payload, "a row cannot take less than its payload: " + perRow);
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }
}
