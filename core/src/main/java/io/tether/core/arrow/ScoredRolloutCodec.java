package io.tether.core.arrow;

import java.util.List;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The scored-rollouts schema and its mapping to {@link ScoredRollout}. Stateless; use {@link
 * #INSTANCE}. The rollout columns are read and written by {@link RolloutCodec}.
 */
public final class ScoredRolloutCodec implements RowCodec<ScoredRollout> {
  /** Column {@code score float32}: the reward model's score. */
  public static final String SCORE = "score";
  /** Column {@code gold_score float32}, nullable: the gold reward, null where there is none. */
  public static final String GOLD_SCORE = "gold_score";

  /**
   * The rollouts columns, then {@code score float32} and {@code gold_score float32}; only
   * {@code gold_score} is nullable.
   */
  public static final Schema SCHEMA =
      Columns.extend(
          RolloutCodec.SCHEMA, Columns.float32(SCORE), Columns.nullableFloat32(GOLD_SCORE));

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
    return new Binding<>() {
      @Override
      public void write(int row, ScoredRollout value) {
        rollout.write(row, value.rollout());
        score.setSafe(row, value.score());
        if (value.goldScore() == null) {
          gold.setNull(row);
        } else {
          gold.setSafe(row, value.goldScore());
        }
      }

      @Override
      public ScoredRollout read(int row) {
        Float goldScore = gold.isNull(row) ? null : gold.get(row);
        return new ScoredRollout(rollout.read(row), score.get(row), goldScore);
      }
    };
  }
}
