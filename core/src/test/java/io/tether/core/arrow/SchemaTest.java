package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class SchemaTest {

  @Test
  void columnsAndTypesFollowTheDesign() {
    assertEquals(
        "prompt_id int64, prompt_tokens list<int32>, sample_index int32, policy_version int64,"
            + " response_tokens list<int32>, logprobs list<float32>, ref_logprobs list<float32>,"
            + " finished bool, score float32, gold_score float32, model_score float32,"
            + " rule_scores list<float32>",
        ScoredRolloutCodec.SCHEMA.getFields().stream()
            .map(f -> f.getName() + " " + ArrowTypes.describe(f))
            .collect(Collectors.joining(", ")));
    assertEquals(
        ScoredRolloutCodec.SCHEMA.getFields().subList(0, 8), RolloutCodec.SCHEMA.getFields());
    assertEquals(RolloutCodec.SCHEMA.getFields().subList(0, 2), PromptCodec.SCHEMA.getFields());
  }

  @Test
  void onlyGoldAndModelScoresAreNullable() {
    for (Field field : ScoredRolloutCodec.SCHEMA.getFields()) {
      boolean gold = field.getName().equals(ScoredRolloutCodec.GOLD_SCORE)
          || field.getName().equals(ScoredRolloutCodec.MODEL_SCORE);
      assertEquals(gold, field.isNullable(), field.getName());
      for (Field child : field.getChildren()) {
        assertFalse(child.isNullable(), field.getName() + " elements");
      }
    }
  }

  @Test
  void codecReadsAndWritesSingleRowsOfARoot() {
    Rollout rollout =
        new Rollout(1, new int[] {2}, 3, 4, new int[] {5, 6}, new float[2], new float[2], false);
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(RolloutCodec.SCHEMA, allocator)) {
      root.allocateNew();
      RolloutCodec.INSTANCE.write(root, 0, rollout);
      root.setRowCount(1);
      assertEquals(rollout, RolloutCodec.INSTANCE.read(root, 0));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ScoredRolloutCodec.INSTANCE.bind(root));
      assertEquals("no column \"score\"", e.getMessage());
    }
  }

  @Test
  void streamsAreLeftOpenAndBatchSizeIsChecked() {
    boolean[] closed = {false};
    ByteArrayOutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    try (BufferAllocator allocator = new RootAllocator()) {
      ArrowIpc.writeStream(PromptCodec.INSTANCE, List.of(), out, allocator, 1);
      assertFalse(closed[0]);
      assertTrue(out.size() > 0);
      assertThrows(
          IllegalArgumentException.class,
          () -> ArrowIpc.writeStream(PromptCodec.INSTANCE, List.of(), out, allocator, 0));
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }
}
