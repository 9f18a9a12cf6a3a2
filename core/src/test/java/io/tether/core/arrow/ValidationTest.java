package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ValidationTest {

  @Test
  void missingColumnNamesItAndItsType() throws Exception {
    Schema noRef = without(RolloutCodec.SCHEMA, RolloutCodec.REF_LOGPROBS);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = RawStreams.write(allocator, noRef);
      ArrowDataException e = readFails(RolloutCodec.INSTANCE, bytes, allocator, "rollouts.arrow");
      assertEquals(
          "rollouts.arrow: missing column \"ref_logprobs\" (expected list<float32>)",
          e.getMessage());
      assertEquals(Optional.of("ref_logprobs"), e.column());
      assertEquals(OptionalInt.empty(), e.batchIndex());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void rolloutsAreNotScoredRollouts() {
    RandomRows random = new RandomRows(10);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes =
          ArrowIpc.toBytes(RolloutCodec.INSTANCE, random.list(3, random::rollout), allocator, 8);
      ArrowDataException e =
          readFails(ScoredRolloutCodec.INSTANCE, bytes, allocator, "rollouts.arrow");
      assertEquals("rollouts.arrow: missing column \"score\" (expected float32)", e.getMessage());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void wrongScalarTypeNamesBothTypes() throws Exception {
    Schema intIds =
        new Schema(
            List.of(
                Field.notNullable(PromptCodec.PROMPT_ID, new ArrowType.Int(32, true)),
                Columns.int32List(PromptCodec.PROMPT_TOKENS)));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = RawStreams.write(allocator, intIds);
      ArrowDataException e = readFails(PromptCodec.INSTANCE, bytes, allocator, "prompts.arrow");
      assertEquals(
          "prompts.arrow: column \"prompt_id\" has type int32, expected int64", e.getMessage());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void wrongListElementTypeNamesBothTypes() throws Exception {
    Field longTokens =
        new Field(
            PromptCodec.PROMPT_TOKENS,
            FieldType.notNullable(ArrowType.List.INSTANCE),
            List.of(Field.notNullable("element", new ArrowType.Int(64, true))));
    Schema schema = new Schema(List.of(Columns.int64(PromptCodec.PROMPT_ID), longTokens));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes = RawStreams.write(allocator, schema);
      ArrowDataException e = readFails(PromptCodec.INSTANCE, bytes, allocator, "prompts.arrow");
      assertEquals(
          "prompts.arrow: column \"prompt_tokens\" has type list<int64>, expected list<int32>",
          e.getMessage());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void unequalListLengthsNameRowBatchAndColumns() throws Exception {
    RandomRows random = new RandomRows(11);
    List<Rollout> first = random.list(10, () -> random.rollout(4, 6));
    List<Rollout> second = random.list(10, () -> random.rollout(4, 6));
    int[] lengths = {6, 6, 6, 6, 6, 6, 6, 5, 6, 6};
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes =
          RawStreams.write(
              allocator,
              RolloutCodec.SCHEMA,
              root -> RawStreams.fill(RolloutCodec.INSTANCE, root, first),
              root -> {
                RawStreams.fill(RolloutCodec.INSTANCE, root, second);
                RawStreams.rewriteFloatList(
                    (ListVector) root.getVector(RolloutCodec.LOGPROBS), lengths);
              });
      ArrowDataException e = readFails(RolloutCodec.INSTANCE, bytes, allocator, "rollouts.arrow");
      assertEquals(
          "rollouts.arrow: row 17 (batch 1): column \"logprobs\" has 5 values"
              + " but \"response_tokens\" has 6",
          e.getMessage());
      assertEquals(OptionalLong.of(17), e.rowIndex());
      assertEquals(OptionalInt.of(1), e.batchIndex());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void unequalRefLogprobsInScoredStream() throws Exception {
    RandomRows random = new RandomRows(12);
    List<ScoredRollout> rows = random.list(3, () -> random.scored(random.rollout(2, 4)));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes =
          RawStreams.write(
              allocator,
              ScoredRolloutCodec.SCHEMA,
              root -> {
                RawStreams.fill(ScoredRolloutCodec.INSTANCE, root, rows);
                RawStreams.rewriteFloatList(
                    (ListVector) root.getVector(RolloutCodec.REF_LOGPROBS), new int[] {4, 7, 4});
              });
      ArrowDataException e = readFails(ScoredRolloutCodec.INSTANCE, bytes, allocator, "s.arrow");
      assertEquals(
          "s.arrow: row 1 (batch 0): column \"ref_logprobs\" has 7 values"
              + " but \"response_tokens\" has 4",
          e.getMessage());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void nullInNonNullableColumnNamesRowAndColumn() throws Exception {
    RandomRows random = new RandomRows(13);
    List<Prompt> first = random.list(4, random::prompt);
    List<Prompt> second = random.list(4, random::prompt);
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes =
          RawStreams.write(
              allocator,
              PromptCodec.SCHEMA,
              root -> RawStreams.fill(PromptCodec.INSTANCE, root, first),
              root -> {
                RawStreams.fill(PromptCodec.INSTANCE, root, second);
                ((BigIntVector) root.getVector(PromptCodec.PROMPT_ID)).setNull(2);
              });
      ArrowDataException e = readFails(PromptCodec.INSTANCE, bytes, allocator, "prompts.arrow");
      assertEquals(
          "prompts.arrow: row 6 (batch 1): column \"prompt_id\" is null", e.getMessage());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void nullListRowAndNullListElementAreReported() throws Exception {
    List<Prompt> rows =
        List.of(new Prompt(1, new int[] {1, 2}), new Prompt(2, new int[] {3, 4, 5, 6}));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] nullRow =
          RawStreams.write(
              allocator,
              PromptCodec.SCHEMA,
              root -> {
                RawStreams.fill(PromptCodec.INSTANCE, root, rows);
                ((ListVector) root.getVector(PromptCodec.PROMPT_TOKENS)).setNull(1);
              });
      assertEquals(
          "p: row 1 (batch 0): column \"prompt_tokens\" is null",
          readFails(PromptCodec.INSTANCE, nullRow, allocator, "p").getMessage());
      byte[] nullElement =
          RawStreams.write(
              allocator,
              PromptCodec.SCHEMA,
              root -> {
                RawStreams.fill(PromptCodec.INSTANCE, root, rows);
                ListVector tokens = (ListVector) root.getVector(PromptCodec.PROMPT_TOKENS);
                ((IntVector) tokens.getDataVector()).setNull(4);
              });
      assertEquals(
          "p: row 1 (batch 0): column \"prompt_tokens\" has a null element at position 2",
          readFails(PromptCodec.INSTANCE, nullElement, allocator, "p").getMessage());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void nullableDeclaredColumnsWithoutNullsAreAccepted() throws Exception {
    Schema reordered =
        new Schema(
            List.of(
                nullable(Columns.int32List(PromptCodec.PROMPT_TOKENS)),
                Field.nullable("note", ArrowType.Utf8.INSTANCE),
                nullable(Columns.int64(PromptCodec.PROMPT_ID))));
    List<Prompt> rows = List.of(new Prompt(5, new int[] {7, 8}), new Prompt(6, new int[0]));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes =
          RawStreams.write(
              allocator, reordered, root -> RawStreams.fill(PromptCodec.INSTANCE, root, rows));
      assertEquals(rows, ArrowIpc.fromBytes(PromptCodec.INSTANCE, bytes, allocator, "spark"));
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  static <T> ArrowDataException readFails(
      RowCodec<T> codec, byte[] bytes, BufferAllocator allocator, String source) {
    return assertThrows(
        ArrowDataException.class, () -> ArrowIpc.fromBytes(codec, bytes, allocator, source));
  }

  private static Schema without(Schema schema, String column) {
    List<Field> fields = new ArrayList<>(schema.getFields());
    fields.removeIf(f -> f.getName().equals(column));
    return new Schema(fields);
  }

  /** {@code field} declared nullable, with nullable children, as Spark writes it. */
  private static Field nullable(Field field) {
    List<Field> children = new ArrayList<>();
    for (Field child : field.getChildren()) {
      children.add(nullable(child));
    }
    return new Field(field.getName(), FieldType.nullable(field.getType()), children);
  }
}
