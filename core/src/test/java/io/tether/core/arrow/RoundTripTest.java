package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;

class RoundTripTest {

  @Test
  void promptsRoundTrip() {
    RandomRows random = new RandomRows(1);
    List<Prompt> prompts = random.list(200, random::prompt);
    prompts.set(7, new Prompt(-1L, new int[0]));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(PromptCodec.INSTANCE, prompts, allocator, 64);
      List<Prompt> back = ArrowIpc.fromBytes(PromptCodec.INSTANCE, bytes, allocator, "p.arrow");
      assertEquals(prompts, back);
      assertEquals(0, back.get(7).promptTokens().length);
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void rolloutsRoundTripBitExact() {
    RandomRows random = new RandomRows(2);
    List<Rollout> rollouts = random.list(300, random::rollout);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(RolloutCodec.INSTANCE, rollouts, allocator, 64);
      List<Rollout> back = ArrowIpc.fromBytes(RolloutCodec.INSTANCE, bytes, allocator, "r.arrow");
      assertEquals(rollouts, back);
      for (int i = 0; i < rollouts.size(); i++) {
        RandomRows.assertSameBits(rollouts.get(i), back.get(i), i);
      }
      assertCovers(rollouts);
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void scoredRolloutsRoundTripBitExact() {
    RandomRows random = new RandomRows(3);
    List<ScoredRollout> scored = random.list(300, random::scored);
    scored.set(0, new ScoredRollout(scored.get(0).rollout(), Float.NaN, Float.NEGATIVE_INFINITY));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(ScoredRolloutCodec.INSTANCE, scored, allocator, 50);
      List<ScoredRollout> back =
          ArrowIpc.fromBytes(ScoredRolloutCodec.INSTANCE, bytes, allocator, "s.arrow");
      assertEquals(scored, back);
      RandomRows.assertSameBits(scored, back);
      assertTrue(back.stream().anyMatch(s -> s.goldScore() == null));
      assertTrue(back.stream().anyMatch(ScoredRollout::hasGoldScore));
      assertCovers(scored.stream().map(ScoredRollout::rollout).collect(Collectors.toList()));
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void manyBatchesComeBackInOrderOneBatchAtATime() {
    RandomRows random = new RandomRows(4);
    List<Rollout> rollouts = random.list(103, random::rollout);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(RolloutCodec.INSTANCE, rollouts, allocator, 10);
      List<Integer> sizes = new ArrayList<>();
      List<Rollout> back = new ArrayList<>();
      try (RowBatchReader<Rollout> reader =
          ArrowIpc.openStream(RolloutCodec.INSTANCE, in(bytes), allocator, "r.arrow")) {
        while (reader.hasNext()) {
          List<Rollout> batch = reader.next();
          sizes.add(batch.size());
          back.addAll(batch);
        }
        assertEquals(11, reader.batchIndex());
        assertEquals(103, reader.rowsRead());
      }
      assertEquals(List.of(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3), sizes);
      assertEquals(rollouts, back);
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void oneRowPerBatch() {
    RandomRows random = new RandomRows(5);
    List<ScoredRollout> scored = random.list(7, random::scored);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(ScoredRolloutCodec.INSTANCE, scored, allocator, 1);
      assertEquals(scored, ArrowIpc.fromBytes(ScoredRolloutCodec.INSTANCE, bytes, allocator, "s"));
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void emptyListIsAValidStreamWithNoBatch() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(RolloutCodec.INSTANCE, List.of(), allocator, 64);
      try (RowBatchReader<Rollout> reader =
          ArrowIpc.openStream(RolloutCodec.INSTANCE, in(bytes), allocator, "empty.arrow")) {
        assertFalse(reader.hasNext());
        assertEquals(0, reader.batchIndex());
      }
      assertEquals(List.of(), ArrowIpc.fromBytes(RolloutCodec.INSTANCE, bytes, allocator, "e"));
      try (ArrowStreamReader raw = new ArrowStreamReader(in(bytes), allocator)) {
        assertEquals(RolloutCodec.SCHEMA, raw.getVectorSchemaRoot().getSchema());
        assertFalse(raw.loadNextBatch());
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void newerStreamsWithMoreColumnsReadAsOlderStages() {
    RandomRows random = new RandomRows(6);
    List<ScoredRollout> scored = random.list(40, random::scored);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = ArrowIpc.toBytes(ScoredRolloutCodec.INSTANCE, scored, allocator, 16);
      List<Rollout> rollouts = ArrowIpc.fromBytes(RolloutCodec.INSTANCE, bytes, allocator, "s");
      List<Prompt> prompts = ArrowIpc.fromBytes(PromptCodec.INSTANCE, bytes, allocator, "s");
      for (int i = 0; i < scored.size(); i++) {
        assertEquals(scored.get(i).rollout(), rollouts.get(i));
        assertEquals(scored.get(i).rollout().prompt(), prompts.get(i));
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  /** The random data must exercise both booleans, empty responses and special floats. */
  private static void assertCovers(List<Rollout> rollouts) {
    assertTrue(rollouts.stream().anyMatch(Rollout::finished));
    assertTrue(rollouts.stream().anyMatch(r -> !r.finished()));
    assertTrue(rollouts.stream().anyMatch(r -> r.responseLength() == 0));
    assertTrue(rollouts.stream().anyMatch(r -> hasBits(r.logprobs(), 0x7fc12345)));
    assertTrue(rollouts.stream().anyMatch(r -> hasBits(r.refLogprobs(), 0xff800000)));
  }

  private static boolean hasBits(float[] values, int bits) {
    for (float v : values) {
      if (Float.floatToRawIntBits(v) == bits) {
        return true;
      }
    }
    return false;
  }

  static InputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }
}
