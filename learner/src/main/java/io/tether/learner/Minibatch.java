package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.Scalars;
import io.tether.core.model.ResponseBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Some rows of an {@link Experience} as NDArrays (b, A), with the prompt+response batch a model
 * forward pass needs and the index that maps its shifted columns to response columns.
 *
 * @param batch right-padded prompt + response tokens
 * @param columns (b, A) int64: shifted column of response token t of each row (0 where masked)
 * @param targets (b, A) int64: response token t of each row (0 where masked)
 */
public record Minibatch(
    ResponseBatch batch,
    NDArray columns,
    NDArray targets,
    NDArray mask,
    NDArray oldLogprobs,
    NDArray advantages,
    NDArray returns,
    NDArray oldValues,
    long tokens) {

  /** Rows {@code rows} of {@code e}, with per-token advantages/returns/values (B * A arrays). */
  public static Minibatch of(NDManager m, Experience e, int[] rows, float[] advantages,
      float[] returns, float[] oldValues, int pad, DataType dtype) {
    int a = e.width();
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    long tokens = 0;
    for (int r : rows) {
      prompts.add(e.prompts().get(r));
      responses.add(e.responses().get(r));
      tokens += e.prompts().get(r).length + e.length(r);
    }
    ResponseBatch batch = ResponseBatch.of(prompts, responses, pad);
    Shape shape = new Shape(rows.length, a);
    return new Minibatch(
        batch,
        m.create(batch.responseColumns(a), shape),
        m.create(batch.responseTargets(a), shape),
        take(m, e.mask(), rows, a, dtype),
        take(m, e.oldLogprobs(), rows, a, dtype),
        take(m, advantages, rows, a, dtype),
        take(m, returns, rows, a, dtype),
        take(m, oldValues, rows, a, dtype),
        tokens);
  }

  /** The given rows of a (B * A) array as a (b, A) NDArray in {@code dtype}. */
  static NDArray take(NDManager m, float[] all, int[] rows, int a, DataType dtype) {
    float[] out = new float[rows.length * a];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(all, rows[i] * a, out, i * a, a);
    }
    NDArray x = Scalars.owned(m.create(out, new Shape(rows.length, a)));
    return dtype == DataType.FLOAT32 ? x : x.toType(dtype, false);
  }
}
