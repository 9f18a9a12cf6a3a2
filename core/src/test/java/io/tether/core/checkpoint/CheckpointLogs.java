package io.tether.core.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records what the checkpoint package logs (through {@link System.Logger}, which is
 * java.util.logging here) instead of printing it, so tests can assert on it and stay quiet.
 */
final class CheckpointLogs extends Handler {
  private static final Logger PACKAGE_LOGGER = Logger.getLogger("io.tether.core.checkpoint");
  private static final CheckpointLogs RECORDER = new CheckpointLogs();

  static {
    PACKAGE_LOGGER.setUseParentHandlers(false);
    PACKAGE_LOGGER.addHandler(RECORDER);
  }

  private final List<String> messages = new ArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  private CheckpointLogs() {}

  /** Forgets what was recorded (and installs the recorder on first use). */
  static void clear() {
    synchronized (RECORDER) {
      RECORDER.messages.clear();
    }
  }

  /** "LEVEL: message" lines recorded since the last {@link #clear()}. */
  static List<String> messages() {
    synchronized (RECORDER) {
      return List.copyOf(RECORDER.messages);
    }
  }

  @Override
  public synchronized void publish(LogRecord r) {
    messages.add(r.getLevel() + ": " + formatter.formatMessage(r));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
