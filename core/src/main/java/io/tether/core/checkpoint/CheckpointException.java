package io.tether.core.checkpoint;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;

/**
 * A checkpoint could not be written, found or verified. Unchecked; the message always names the
 * URI of the file or directory concerned and what is wrong with it, and the Hadoop
 * {@link IOException} that caused it, if any, is the cause.
 */
public final class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem found without an I/O error, e.g. a checksum mismatch or a missing checkpoint. */
  public CheckpointException(String message) {
    super(message);
  }

  /** A problem caused by {@code cause}. */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code "<uri>: <action> failed: <cause, with a hint>"}. */
  static CheckpointException io(String uri, String action, IOException cause) {
    return new CheckpointException(uri + ": " + action + " failed: " + describe(cause), cause);
  }

  /** The exception's class and message, plus a plain-words hint for the common causes. */
  static String describe(IOException e) {
    String text = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).strip();
    String hint = hint(e, text.toLowerCase(Locale.ROOT));
    return hint.isEmpty() ? text : text + " (" + hint + ")";
  }

  private static String hint(IOException e, String lower) {
    String type = e.getClass().getName();
    if (type.endsWith("ChecksumException")) {
      return "the stored bytes are corrupt";
    }
    if (lower.contains("not a directory")) {
      return "a component of the path is a file, not a directory";
    }
    if (e instanceof AccessDeniedException || type.endsWith("AccessControlException")
        || lower.contains("permission denied")) {
      return "permission denied: not writable or not readable";
    }
    if (type.contains("Quota") || lower.contains("no space left")) {
      return "file system full or quota exceeded";
    }
    return "";
  }
}
