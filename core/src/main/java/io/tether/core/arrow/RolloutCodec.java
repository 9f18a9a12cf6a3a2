package io.tether.core.arrow;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rollouts schema and its mapping to {@link Rollout}. Stateless; use {@link #INSTANCE}.
 *
 * <p>Within a row, {@code response_tokens}, {@code logprobs} and {@code ref_logprobs} have equal
 * lengths ({@link #equalLengthColumns()}).
 */
public final class RolloutCodec implements RowCodec<Rollout> {
  /** Column {@code sample_index int32}. */
  public static final String SAMPLE_INDEX = "sample_index";
  /** Column {@code policy_version int64}. */
  public static final String POLICY_VERSION = "policy_version";
  /** Column {@code response_tokens list<int32>}. */
  public static final String RESPONSE_TOKENS = "response_tokens";
  /** Column {@code logprobs list<float32>}: behaviour-policy log-probabilities. */
  public static final String LOGPROBS = "logprobs";
  /** Column {@code ref_logprobs list<float32>}: reference-policy log-probabilities. */
  public static final String REF_LOGPROBS = "ref_logprobs";
  /** Column {@code finished bool}: EOS reached, not truncated. */
  public static final String FINISHED = "finished";

  /**
   * The prompts columns, then {@code sample_index int32, policy_version int64, response_tokens
   * list<int32>, logprobs list<float32>, ref_logprobs list<float32>, finished bool}; nothing
   * nullable.
   */
  public static final Schema SCHEMA =
      Columns.extend(
          PromptCodec.SCHEMA,
          Columns.int32(SAMPLE_INDEX),
          Columns.int64(POLICY_VERSION),
          Columns.int32List(RESPONSE_TOKENS),
          Columns.float32List(LOGPROBS),
          Columns.float32List(REF_LOGPROBS),
          Columns.bool(FINISHED));

  /** The codec. */
  public static final RolloutCodec INSTANCE = new RolloutCodec();

  private static final List<String> EQUAL_LENGTH = List.of(RESPONSE_TOKENS, LOGPROBS, REF_LOGPROBS);

  private RolloutCodec() {}

  @Override
  public Schema schema() {
    return SCHEMA;
  }

  @Override
  public List<String> equalLengthColumns() {
    return EQUAL_LENGTH;
  }

  @Override
  public Binding<Rollout> bind(VectorSchemaRoot root) {
    return new RolloutBinding(root);
  }

  private static final class RolloutBinding implements Binding<Rollout> {
    private final Binding<Prompt> prompt;
    private final IntVector sampleIndex;
    private final BigIntVector policyVersion;
    private final ListVector responseTokens;
    private final ListVector logprobs;
    private final ListVector refLogprobs;
    private final BitVector finished;

    RolloutBinding(VectorSchemaRoot root) {
      prompt = PromptCodec.INSTANCE.bind(root);
      sampleIndex = Columns.vector(root, SAMPLE_INDEX, IntVector.class);
      policyVersion = Columns.vector(root, POLICY_VERSION, BigIntVector.class);
      responseTokens = Columns.vector(root, RESPONSE_TOKENS, ListVector.class);
      logprobs = Columns.vector(root, LOGPROBS, ListVector.class);
      refLogprobs = Columns.vector(root, REF_LOGPROBS, ListVector.class);
      finished = Columns.vector(root, FINISHED, BitVector.class);
    }

    @Override
    public void write(int row, Rollout value) {
      prompt.write(row, value.prompt());
      sampleIndex.setSafe(row, value.sampleIndex());
      policyVersion.setSafe(row, value.policyVersion());
      ListValues.setInts(responseTokens, row, value.responseTokens());
      ListValues.setFloats(logprobs, row, value.logprobs());
      ListValues.setFloats(refLogprobs, row, value.refLogprobs());
      finished.setSafe(row, value.finished() ? 1 : 0);
    }

    @Override
    public Rollout read(int row) {
      Prompt p = prompt.read(row);
      return new Rollout(
          p.promptId(),
          p.promptTokens(),
          sampleIndex.get(row),
          policyVersion.get(row),
          ListValues.getInts(responseTokens, row),
          ListValues.getFloats(logprobs, row),
          ListValues.getFloats(refLogprobs, row),
          finished.get(row) != 0);
    }
  }
}
