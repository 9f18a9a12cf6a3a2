package io.tether.core.data;

/** An input record that cannot be used; the message starts with {@code file:line[:column]:}. */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String message) {
    super(message);
  }

  public DataFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
