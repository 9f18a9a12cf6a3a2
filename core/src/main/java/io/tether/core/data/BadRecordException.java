package io.tether.core.data;

/**
 * Thrown by a {@link JsonlReader.RecordMapper} for a well-formed JSON line whose content is wrong
 * (missing field, empty prompt, chosen == rejected); the reader adds file and line.
 */
public final class BadRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRecordException(String message) {
    super(message);
  }
}
