package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.djl.Scalars;
import io.tether.core.model.ResponseBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * One iteration's scored rollouts, built once into device arrays that every later step reads:
 * prompt + response concatenated and right-padded once ({@link ResponseBatch}, whose response
 * mask is the only one), the response-space arrays (B, A) with response token t of row b in
 * column t, and the host facts messages and throughput need. A minibatch is a row selection of it
 * ({@link Minibatch#of}). Checked on the way in: a non-finite score or log-prob is reported with
 * its prompt id and sample index before any array is built. Immutable; close it to free the
 * arrays.
 *
 * <p>Device arrays, all in the learner's dtype unless int64:
 *
 * <ul>
 *   <li>{@code tokens} (B, T) int64 prompt + response, PAD after; {@code positions} (B, T) int64
 *   <li>{@code columns} (B, A) int64 the column whose logits predict response token t (0 past the
 *       end); {@code targets} (B, A) int64 response token t (0 past the end)
 *   <li>{@code mask} (B, A) 1 on real response tokens; {@code last} (B, A) 1 on each row's last
 *   <li>{@code oldLogprobs}, {@code refLogprobs} (B, A) behaviour and reference log-probs
 *   <li>{@code scores} (B) sequence scores
 * </ul>
 */
public final class Experience implements AutoCloseable {
  private final NDManager manager;
  private final ResponseBatch batch;
  private final int width;
  private final NDArray tokens;
  private final NDArray positions;
  private final NDArray columns;
  private final NDArray targets;
  private final NDArray mask;
  private final NDArray last;
  private final NDArray oldLogprobs;
  private final NDArray refLogprobs;
  private final NDArray scores;
  private final float[] hostScores;
  private final boolean[] finished;
  private final long[] promptIds;
  private final int[] sampleIndices;

  private Experience(NDManager manager, ResponseBatch batch, Host h, DataType dtype) {
    this.manager = manager;
    this.batch = batch;
    this.width = h.width;
    Shape bt = new Shape(batch.batchSize(), batch.tokens().length());
    Shape ba = new Shape(batch.batchSize(), width);
    this.tokens = Scalars.owned(manager.create(batch.tokens().tokens(), bt));
    this.positions = Scalars.owned(manager.create(batch.tokens().positions(), bt));
    this.columns = Scalars.owned(manager.create(batch.responseColumns(width), ba));
    this.targets = Scalars.owned(manager.create(batch.responseTargets(width), ba));
    this.mask = floats(batch.responseMask(width), ba, dtype);
    this.last = floats(batch.lastResponseToken(width), ba, dtype);
    this.oldLogprobs = floats(h.logprobs, ba, dtype);
    this.refLogprobs = floats(h.refLogprobs, ba, dtype);
    this.scores = floats(h.scores, new Shape(h.scores.length), dtype);
    this.hostScores = h.scores;
    this.finished = h.finished;
    this.promptIds = h.promptIds;
    this.sampleIndices = h.sampleIndices;
  }

  /**
   * Builds the arrays under a new child of {@code parent}; rejects empty batches, empty responses
   * and non-finite inputs.
   */
  public static Experience of(NDManager parent, List<ScoredRollout> rollouts, int pad,
      DataType dtype) {
    Host h = Host.of(rollouts);
    ResponseBatch batch = ResponseBatch.of(h.prompts, h.responses, pad);
    NDManager m = parent.newSubManager();
    try {
      return new Experience(m, batch, h, dtype);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private NDArray floats(float[] values, Shape shape, DataType dtype) {
    NDArray x = Scalars.owned(manager.create(values, shape));
    return dtype == DataType.FLOAT32 ? x : x.toType(dtype, false);
  }

  /** The manager that owns the arrays; per-iteration results derived from them live here too. */
  NDManager manager() {
    return manager;
  }

  /** Number of rows B. */
  public int size() {
    return batch.batchSize();
  }

  /** A, the longest response. */
  public int width() {
    return width;
  }

  /** Prompt + response, right-padded: the host side of {@code tokens}. */
  public ResponseBatch batch() {
    return batch;
  }

  public NDArray tokens() {
    return tokens;
  }

  public NDArray positions() {
    return positions;
  }

  public NDArray columns() {
    return columns;
  }

  public NDArray targets() {
    return targets;
  }

  public NDArray mask() {
    return mask;
  }

  public NDArray last() {
    return last;
  }

  public NDArray oldLogprobs() {
    return oldLogprobs;
  }

  public NDArray refLogprobs() {
    return refLogprobs;
  }

  public NDArray scores() {
    return scores;
  }

  /** Mean sequence score, from the host copy. */
  public double meanScore() {
    double sum = 0;
    for (float s : hostScores) {
      sum += s;
    }
    return sum / hostScores.length;
  }

  /** Prompt id of each row (the groups of a group baseline); the learner's own copy. */
  long[] promptIds() {
    return promptIds;
  }

  /** Score of each row, from the host copy; the learner's own copy. */
  float[] hostScores() {
    return hostScores;
  }

  /** Share of rows whose response ended with EOS. */
  public double finishedFraction() {
    int done = 0;
    for (boolean f : finished) {
      done += f ? 1 : 0;
    }
    return done / (double) finished.length;
  }

  /** {@code rollout (prompt_id P, sample_index S)} of row b, for messages. */
  public String describe(int b) {
    return describe(promptIds[b], sampleIndices[b]);
  }

  private static String describe(long promptId, int sampleIndex) {
    return "rollout (prompt_id " + promptId + ", sample_index " + sampleIndex + ")";
  }

  /** Response length of row b. */
  public int length(int b) {
    return batch.responseLengths()[b];
  }

  /** Prompt + response tokens of row b. */
  public int sequenceLength(int b) {
    return batch.promptLengths()[b] + batch.responseLengths()[b];
  }

  /** Total response tokens. */
  public long responseTokens() {
    long n = 0;
    for (int a : batch.responseLengths()) {
      n += a;
    }
    return n;
  }

  @Override
  public void close() {
    manager.close();
  }

  /** The host arrays read out of the rollouts, checked. */
  private record Host(List<int[]> prompts, List<int[]> responses, int width, float[] logprobs,
      float[] refLogprobs, float[] scores, boolean[] finished, long[] promptIds,
      int[] sampleIndices) {

    static Host of(List<ScoredRollout> rollouts) {
      if (rollouts.isEmpty()) {
        throw new IllegalArgumentException("no rollouts to learn from");
      }
      int width = 0;
      for (ScoredRollout s : rollouts) {
        width = Math.max(width, s.rollout().responseLength());
      }
      int b = rollouts.size();
      Host h = new Host(new ArrayList<>(), new ArrayList<>(), width, new float[b * width],
          new float[b * width], new float[b], new boolean[b], new long[b], new int[b]);
      for (int row = 0; row < b; row++) {
        h.fill(row, rollouts.get(row));
      }
      return h;
    }

    private void fill(int row, ScoredRollout s) {
      Rollout r = s.rollout();
      promptIds[row] = r.promptId();
      sampleIndices[row] = r.sampleIndex();
      String where = describe(r.promptId(), r.sampleIndex());
      if (r.responseLength() == 0) {
        throw new IllegalArgumentException(where + " has an empty response: nothing to score");
      }
      scores[row] = requireFinite(s.score(), where + " score");
      prompts.add(r.promptTokens());
      responses.add(r.responseTokens());
      finished[row] = r.finished();
      for (int t = 0; t < r.responseLength(); t++) {
        int i = row * width + t;
        logprobs[i] = requireFinite(r.logprobs()[t], where + " logprobs[" + t + "]");
        refLogprobs[i] = requireFinite(r.refLogprobs()[t], where + " ref_logprobs[" + t + "]");
      }
    }

    private static float requireFinite(float v, String what) {
      if (!Float.isFinite(v)) {
        throw new NonFiniteException(what + " is " + v + "; the update was not run");
      }
      return v;
    }
  }
}
