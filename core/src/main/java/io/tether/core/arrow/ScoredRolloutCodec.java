package io.tether.core.arrow;

import java.util.List;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The scored-rollouts schema and its mapping to {@link ScoredRollout}. Stateless; use {@link
 * #INSTANCE}. The rollout columns are read and written by {@link RolloutCodec}.
 */
public final class ScoredRolloutCodec implements RowCodec<ScoredRollout> {
  /** Column {@code score float32}: the score the learner uses (model and rules combined). */
  public static final String SCORE = "score";
  /** Column {@code gold_score float32}, nullable: the gold reward, null where there is none. */
  public static final String GOLD_SCORE = "gold_score";
  /**
   * Column {@code model_score float32}, nullable: the reward model's part of {@code score}
   * (before {@code reward.model_weight}), null in {@code reward.mode: rule}.
   */
  public static final String MODEL_SCORE = "model_score";
  /**
   * Column {@code rule_scores list<float32>}: one unweighted score per configured rule, in
   * {@code reward.rules} order; an empty list without rules.
   */
  public static final String RULE_SCORES = "rule_scores";

  /**
   * The rollouts columns, then {@code score float32}, {@code gold_score float32}, {@code
   * model_score float32} and {@code rule_scores list<float32>}; only {@code gold_score} and
   * {@code model_score} are nullable.
   */
  public static final Schema SCHEMA =
      Columns.extend(
          RolloutCodec.SCHEMA, Columns.float32(SCORE), Columns.nullableFloat32(GOLD_SCORE),
          Columns.nullableFloat32(MODEL_SCORE), Columns.float32List(RULE_SCORES));

  /** The codec. */
  public static final ScoredRolloutCodec INSTANCE = new ScoredRolloutCodec();

  private ScoredRolloutCodec() {}

  @Override
  public Schema schema() {
    return SCHEMA;
  }

  @Override
  public List<String> equalLengthColumns() {
    return RolloutCodec.INSTANCE.equalLengthColumns();
  }

  @Override
  public Binding<ScoredRollout> bind(VectorSchemaRoot root) {
    Binding<Rollout> rollout = RolloutCodec.INSTANCE.bind(root);
    Float4Vector score = Columns.vector(root, SCORE, Float4Vector.class);
    Float4Vector gold = Columns.vector(root, GOLD_SCORE, Float4Vector.class);
    Float4Vector model = Columns.vector(root, MODEL_SCORE, Float4Vector.class);
    ListVector rules = Columns.vector(root, RULE_SCORES, ListVector.class);
    return new Binding<>() {
      @Override
      public void write(int row, ScoredRollout value) {
        rollout.write(row, value.rollout());
        score.setSafe(row, value.score());
        setNullable(gold, row, value.goldScore());
        setNullable(model, row, value.modelScore());
        ListValues.setFloats(rules, row, value.ruleScores());
      }

      @Override
      public ScoredRollout read(int row) {
        return new ScoredRollout(rollout.read(row), score.get(row), getNullable(gold, row),
            getNullable(model, row), ListValues.getFloats(rules, row));
      }
    };
  }

  private static void setNullable(Float4Vector v, int row, Float value) {
    if (value == null) {
      v.setNull(row);
    } else {
      v.setSafe(row, value);
    }
  }

  private static Float getNullable(Float4Vector v, int row) {
    return v.isNull(row) ? null : v.get(row);
  }
}
