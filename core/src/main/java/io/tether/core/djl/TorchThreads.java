package io.tether.core.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count, which is one setting per process. Rollout tasks run with
 * {@code spark.task.cpus} threads each, so that the task slots of an executor (or of local mode)
 * do not oversubscribe its cores: two tasks with two threads each on two cores run several times
 * slower than with one each. The driver takes every core back for the learner after a stage.
 */
public final class TorchThreads {
  private TorchThreads() {}

  /** Sets the intra-op thread count (at least 1). */
  public static void set(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("PyTorch threads must be >= 1, got " + threads);
    }
    DjlRuntime.engine();
    if (JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
  }

  /** Every core this JVM may use (container limits included). */
  public static void all() {
    set(Runtime.getRuntime().availableProcessors());
  }
}
