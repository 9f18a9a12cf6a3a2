package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class IpcSpliceTest {
  private static final ScoredRolloutCodec CODEC = ScoredRolloutCodec.INSTANCE;

  private static byte[] splice(List<byte[]> streams) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IpcSplice.write(CODEC.schema(), streams, out, "task");
    return out.toByteArray();
  }

  @Test
  void theJoinedStreamReadsAsEveryTasksRowsInOrderWithTheirBits() {
    RandomRows random = new RandomRows(5);
    List<List<ScoredRollout>> parts = List.of(random.list(7, random::scored), List.of(),
        random.list(1, random::scored), random.list(12, random::scored));
    try (BufferAllocator allocator = new RootAllocator()) {
      List<byte[]> streams = new ArrayList<>();
      List<ScoredRollout> all = new ArrayList<>();
      for (List<ScoredRollout> p : parts) {
        streams.add(ArrowIpc.toBytes(CODEC, p, allocator, 3));
        all.addAll(p);
      }
      List<ScoredRollout> back = ArrowIpc.fromBytes(CODEC, splice(streams), allocator, "joined");
      RandomRows.assertSameBits(all, back);
      assertEquals(20, back.size());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void noStreamsIsAnEmptyStreamAndOneStreamIsItsOwnRows() {
    RandomRows random = new RandomRows(6);
    try (BufferAllocator allocator = new RootAllocator()) {
      assertEquals(List.of(), ArrowIpc.fromBytes(CODEC, splice(List.of()), allocator, "empty"));
      List<ScoredRollout> rows = random.list(4, random::scored);
      byte[] one = ArrowIpc.toBytes(CODEC, rows, allocator, 2);
      byte[] joined = splice(List.of(one));
      RandomRows.assertSameBits(rows, ArrowIpc.fromBytes(CODEC, joined, allocator, "one"));
    }
  }

  @Test
  void aStreamOfAnotherSchemaIsRefusedNamingItsIndex() {
    RandomRows random = new RandomRows(7);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] scored = ArrowIpc.toBytes(CODEC, random.list(2, random::scored), allocator, 8);
      byte[] unscored = ArrowIpc.toBytes(RolloutCodec.INSTANCE, random.list(2, random::rollout),
          allocator, 8);
      ArrowDataException e = assertThrows(ArrowDataException.class,
          () -> splice(List.of(scored, unscored)));
      assertTrue(e.getMessage().startsWith("task 1: schema "), e.getMessage());
    }
  }

  @Test
  void everyCutOfATaskStreamIsReportedAsTruncated() {
    RandomRows random = new RandomRows(8);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(CODEC, random.list(3, random::scored), allocator, 2);
      for (int cut = 0; cut < bytes.length; cut++) {
        byte[] head = Arrays.copyOf(bytes, cut);
        ArrowDataException e = assertThrows(ArrowDataException.class,
            () -> splice(List.of(bytes, head)), "cut at " + cut);
        assertTrue(e.getMessage().startsWith("task 1: "), e.getMessage());
      }
    }
  }
}
