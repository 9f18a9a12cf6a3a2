package io.tether.core.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch autograd recording on or off for the current thread and restores the previous
 * state on close. PyTorch's grad mode is thread-local: a Spark task thread starts with it on, so
 * inference code wraps itself in {@code try (GradMode g = GradMode.off()) {...}} to build no graph.
 */
public final class GradMode implements AutoCloseable {
  private final boolean previous;

  private GradMode(boolean enabled) {
    DjlRuntime.engine();
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(enabled);
  }

  /** Disables gradient recording until closed. */
  public static GradMode off() {
    return new GradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
