package io.tether.deploy.bench;

import ai.djl.pytorch.jni.JniUtils;
import io.tether.core.djl.DjlRuntime;

/** PyTorch's intra-op thread count for this process. */
public final class TorchThreads {
  private TorchThreads() {}

  /** Sets the intra-op thread count (at least 1). */
  public static void set(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    DjlRuntime.engine();
    JniUtils.setNumThreads(threads);
  }
}
