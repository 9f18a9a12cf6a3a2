package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class TruncationTest {

  @Test
  void everyCutIsReportedWithTheSourceAndLeaksNothing() {
    RandomRows random = new RandomRows(20);
    List<ScoredRollout> rows = random.list(5, () -> random.scored(random.rollout(3, 4)));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(ScoredRolloutCodec.INSTANCE, rows, allocator, 2);
      assertEquals(rows, ArrowIpc.fromBytes(ScoredRolloutCodec.INSTANCE, bytes, allocator, "ok"));
      for (int cut = 0; cut < bytes.length; cut++) {
        byte[] head = Arrays.copyOf(bytes, cut);
        ArrowDataException e =
            assertThrows(
                ArrowDataException.class,
                () -> ArrowIpc.fromBytes(ScoredRolloutCodec.INSTANCE, head, allocator, "cut.arrow"),
                "cut at " + cut + " of " + bytes.length);
        assertTrue(e.getMessage().startsWith("cut.arrow: "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(0, allocator.getAllocatedMemory(), "leak after cut at " + cut);
      }
    }
  }

  @Test
  void cutInTheMiddleOfABatchNamesTheBatch() {
    RandomRows random = new RandomRows(21);
    List<Rollout> rows = random.list(30, () -> random.rollout(16, 32));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(RolloutCodec.INSTANCE, rows, allocator, 10);
      byte[] head = Arrays.copyOf(bytes, bytes.length * 5 / 6);
      ArrowDataException e =
          assertThrows(
              ArrowDataException.class,
              () -> ArrowIpc.fromBytes(RolloutCodec.INSTANCE, head, allocator, "rollouts.arrow"));
      assertTrue(
          e.getMessage().startsWith("rollouts.arrow: batch 2: unreadable Arrow IPC stream"),
          e.getMessage());
      assertEquals(2, e.batchIndex().getAsInt());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void missingEndMarkerFailsAfterTheCompleteBatches() {
    RandomRows random = new RandomRows(22);
    List<Prompt> rows = random.list(6, random::prompt);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(PromptCodec.INSTANCE, rows, allocator, 3);
      byte[] noMarker = Arrays.copyOf(bytes, bytes.length - 8);
      try (RowBatchReader<Prompt> reader =
          ArrowIpc.openStream(
              PromptCodec.INSTANCE, RoundTripTest.in(noMarker), allocator, "p.arrow")) {
        assertEquals(rows.subList(0, 3), reader.next());
        assertEquals(rows.subList(3, 6), reader.next());
        ArrowDataException e = assertThrows(ArrowDataException.class, reader::hasNext);
        assertEquals(
            "p.arrow: batch 2: stream ends without the end-of-stream marker"
                + " (truncated after 2 complete batches?)",
            e.getMessage());
        assertSame(e, assertThrows(ArrowDataException.class, reader::next));
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void emptyInputIsNotAStream() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ArrowDataException e =
          ValidationTest.readFails(PromptCodec.INSTANCE, new byte[0], allocator, "none.arrow");
      assertTrue(e.getMessage().startsWith("none.arrow: schema: unreadable"), e.getMessage());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }
}
