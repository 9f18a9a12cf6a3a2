package io.tether.learner;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import java.util.ArrayList;
import java.util.List;

/**
 * One iteration's scored rollouts in response space, as Java arrays: row b, response token t at
 * index {@code b * width + t}. Checked on the way in: a non-finite score or log-prob is reported
 * with its prompt id and sample index before any update runs.
 *
 * @param prompts (B) prompt tokens, BOS included
 * @param responses (B) response tokens, at least one each
 * @param width A, the longest response
 * @param mask (B * A) 1 on real response tokens
 * @param last (B * A) 1 on each row's last real response token
 * @param oldLogprobs (B * A) behaviour log-probs recorded by the rollout stage
 * @param refLogprobs (B * A) reference log-probs
 * @param scores (B) sequence scores
 * @param finished (B) EOS reached
 * @param promptIds (B) for messages
 * @param sampleIndices (B) for messages
 */
public record Experience(
    List<int[]> prompts,
    List<int[]> responses,
    int width,
    float[] mask,
    float[] last,
    float[] oldLogprobs,
    float[] refLogprobs,
    float[] scores,
    boolean[] finished,
    long[] promptIds,
    int[] sampleIndices) {

  /** Number of rows. */
  public int size() {
    return prompts.size();
  }

  /** Builds the arrays; rejects empty batches, empty responses and non-finite inputs. */
  public static Experience of(List<ScoredRollout> rollouts) {
    if (rollouts.isEmpty()) {
      throw new IllegalArgumentException("no rollouts to learn from");
    }
    int width = 0;
    for (ScoredRollout s : rollouts) {
      width = Math.max(width, s.rollout().responseLength());
    }
    int b = rollouts.size();
    Experience e = new Experience(new ArrayList<>(), new ArrayList<>(), width,
        new float[b * width], new float[b * width], new float[b * width], new float[b * width],
        new float[b], new boolean[b], new long[b], new int[b]);
    for (int row = 0; row < b; row++) {
      e.fill(row, rollouts.get(row));
    }
    return e;
  }

  private void fill(int row, ScoredRollout s) {
    Rollout r = s.rollout();
    promptIds[row] = r.promptId();
    sampleIndices[row] = r.sampleIndex();
    String where = describe(row);
    if (r.responseLength() == 0) {
      throw new IllegalArgumentException(where + " has an empty response: nothing to score");
    }
    requireFinite(s.score(), where + " score");
    prompts.add(r.promptTokens());
    responses.add(r.responseTokens());
    scores[row] = s.score();
    finished[row] = r.finished();
    for (int t = 0; t < r.responseLength(); t++) {
      int i = row * width + t;
      mask[i] = 1f;
      oldLogprobs[i] = requireFinite(r.logprobs()[t], where + " logprobs[" + t + "]");
      refLogprobs[i] = requireFinite(r.refLogprobs()[t], where + " ref_logprobs[" + t + "]");
    }
    last[row * width + r.responseLength() - 1] = 1f;
  }

  private static float requireFinite(float v, String what) {
    if (!Float.isFinite(v)) {
      throw new NonFiniteException(what + " is " + v + "; the update was not run");
    }
    return v;
  }

  /** {@code rollout (prompt_id P, sample_index S)} of row b, for messages. */
  public String describe(int b) {
    return "rollout (prompt_id " + promptIds[b] + ", sample_index " + sampleIndices[b] + ")";
  }

  /** Response length of row b. */
  public int length(int b) {
    return responses.get(b).length;
  }

  /** Total response tokens. */
  public long responseTokens() {
    long n = 0;
    for (int[] r : responses) {
      n += r.length;
    }
    return n;
  }
}
