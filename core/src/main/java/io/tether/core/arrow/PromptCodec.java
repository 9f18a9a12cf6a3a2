package io.tether.core.arrow;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Schema;

/** The prompts schema and its mapping to {@link Prompt}. Stateless; use {@link #INSTANCE}. */
public final class PromptCodec implements RowCodec<Prompt> {
  /** Column {@code prompt_id int64}. */
  public static final String PROMPT_ID = "prompt_id";
  /** Column {@code prompt_tokens list<int32>}. */
  public static final String PROMPT_TOKENS = "prompt_tokens";

  /** {@code prompt_id int64, prompt_tokens list<int32>}; nothing nullable. */
  public static final Schema SCHEMA =
      new Schema(List.of(Columns.int64(PROMPT_ID), Columns.int32List(PROMPT_TOKENS)));

  /** The codec. */
  public static final PromptCodec INSTANCE = new PromptCodec();

  private PromptCodec() {}

  @Override
  public Schema schema() {
    return SCHEMA;
  }

  @Override
  public Binding<Prompt> bind(VectorSchemaRoot root) {
    BigIntVector ids = Columns.vector(root, PROMPT_ID, BigIntVector.class);
    ListVector tokens = Columns.vector(root, PROMPT_TOKENS, ListVector.class);
    return new Binding<>() {
      @Override
      public void write(int row, Prompt value) {
        ids.setSafe(row, value.promptId());
        ListValues.setInts(tokens, row, value.promptTokens());
      }

      @Override
      public Prompt read(int row) {
        return new Prompt(ids.get(row), ListValues.getInts(tokens, row));
      }
    };
  }
}
