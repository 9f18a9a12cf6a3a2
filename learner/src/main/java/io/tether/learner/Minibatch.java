package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.Scalars;
import io.tether.core.model.AttentionMask;
import io.tether.core.model.ModelInputs;

/**
 * Some rows of an {@link Experience}: each of its arrays indexed by the rows, the token columns
 * narrowed to the longest of those rows, and the attention bias of that narrowed batch. Nothing is
 * concatenated or padded again.
 *
 * @param inputs the forward pass's tokens, positions and attention bias (b, 1, T', T')
 * @param columns (b, A) int64: column of the logits predicting response token t (0 where masked)
 * @param targets (b, A) int64: response token t (0 where masked)
 * @param refLogprobs (b, A) the reference policy's log-probs of the response tokens
 * @param advantages (b, A), or null when selected without them (the critic's old values)
 * @param returns (b, A), or null likewise, and without a critic
 * @param oldValues (b, A), or null likewise
 * @param tokens prompt + response tokens of the rows, for throughput
 */
public record Minibatch(
    ModelInputs inputs,
    NDArray columns,
    NDArray targets,
    NDArray mask,
    NDArray oldLogprobs,
    NDArray refLogprobs,
    NDArray advantages,
    NDArray returns,
    NDArray oldValues,
    long tokens) {

  /**
   * Rows {@code rows} of {@code e} with their per-token advantages, returns and old values
   * ({@code returns} and {@code oldValues} null without a critic).
   */
  public static Minibatch of(NDManager m, Experience e, int[] rows, NDArray advantages,
      NDArray returns, NDArray oldValues) {
    NDArray index = rowIndex(m, rows);
    return new Minibatch(inputs(m, e, rows, index),
        take(m, e.columns(), index), take(m, e.targets(), index), take(m, e.mask(), index),
        take(m, e.oldLogprobs(), index), take(m, e.refLogprobs(), index),
        take(m, advantages, index), take(m, returns, index), take(m, oldValues, index),
        tokens(e, rows));
  }

  /** Rows {@code rows} of {@code e} for a forward pass only (no advantages yet). */
  public static Minibatch forward(NDManager m, Experience e, int[] rows) {
    NDArray index = rowIndex(m, rows);
    return new Minibatch(inputs(m, e, rows, index), take(m, e.columns(), index),
        take(m, e.targets(), index), take(m, e.mask(), index), take(m, e.oldLogprobs(), index),
        take(m, e.refLogprobs(), index), null, null, null, tokens(e, rows));
  }

  /**
   * The rows {@code index} of {@code x}, owned by {@code m} (an op's result belongs to its first
   * operand's manager: without this, every minibatch's arrays would stay until the experience is
   * closed). Null for a null {@code x}.
   */
  static NDArray take(NDManager m, NDArray x, NDArray index) {
    if (x == null) {
      return null;
    }
    NDArray rows = x.get(index);
    rows.attach(m);
    return rows;
  }

  private static NDArray rowIndex(NDManager m, int[] rows) {
    long[] index = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      index[i] = rows[i];
    }
    return Scalars.owned(m.create(index, new Shape(rows.length)));
  }

  /** Tokens and positions of the rows cut to their longest sequence, with its attention bias. */
  private static ModelInputs inputs(NDManager m, Experience e, int[] rows, NDArray index) {
    int t = 0;
    for (int r : rows) {
      t = Math.max(t, e.sequenceLength(r));
    }
    boolean[] valid = new boolean[rows.length * t];
    for (int i = 0; i < rows.length; i++) {
      java.util.Arrays.fill(valid, i * t, i * t + e.sequenceLength(rows[i]), true);
    }
    NDIndex narrow = new NDIndex(":, :{}", t);
    NDArray bias = Scalars.owned(m.create(AttentionMask.bias(valid, rows.length, t, t),
        new Shape(rows.length, 1, t, t)));
    DataType dtype = e.mask().getDataType();
    return new ModelInputs(take(m, e.tokens(), index).get(narrow),
        take(m, e.positions(), index).get(narrow),
        dtype == DataType.FLOAT32 ? bias : bias.toType(dtype, false));
  }

  private static long tokens(Experience e, int[] rows) {
    long n = 0;
    for (int r : rows) {
      n += e.sequenceLength(r);
    }
    return n;
  }
}
