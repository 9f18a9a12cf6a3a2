package io.tether.rollout;

import java.util.List;

/**
 * One rollout stage's output, rows sorted by (prompt id, sample index), and its figures.
 *
 * @param rows the rollouts (or scored rollouts)
 * @param arrow the tasks' Arrow IPC streams as they arrived, in partition order: together they
 *     hold {@code rows} in this order ({@link io.tether.core.arrow.IpcSplice} joins them)
 * @param responseTokens tokens generated
 * @param seconds wall time of the stage, driver side
 * @param generateSeconds summed task time spent generating
 * @param executors distinct executor ids that produced rows
 * @param pids distinct executor JVM process ids
 * @param modelLoads models loaded so far, summed over the executor JVMs seen
 * @param modelLoadSeconds load time so far, summed over those JVMs
 * @param failedAttempts task attempts after the first that produced the kept output
 */
public record RolloutResult<T>(List<T> rows, List<byte[]> arrow, long responseTokens,
    double seconds, double generateSeconds, List<String> executors, List<Long> pids, long modelLoads,
    double modelLoadSeconds, int failedAttempts) {

  /** Generated tokens per second of stage wall time. */
  public double tokensPerSecond() {
    return responseTokens / Math.max(seconds, 1e-9);
  }
}
