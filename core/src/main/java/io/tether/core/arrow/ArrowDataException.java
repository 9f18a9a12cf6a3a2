package io.tether.core.arrow;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Arrow data that cannot be read as the expected stage schema: a missing or mistyped column, a null
 * in a non-nullable column, list columns of unequal length, a truncated or corrupt stream.
 *
 * <p>The message starts with the source name, then names as much of the place as is known: the
 * record batch (0-based), the row (0-based, counted over the whole stream) and the column, e.g.
 * {@code rollouts.arrow: row 17 (batch 1): column "logprobs" has 5 values but "response_tokens"
 * has 6}. The same parts are available as accessors.
 */
public final class ArrowDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int batchIndex;
  private final long rowIndex;
  private final String column;

  private ArrowDataException(
      String source,
      int batchIndex,
      long rowIndex,
      String column,
      String message,
      Throwable cause) {
    super(message, cause);
    this.source = source;
    this.batchIndex = batchIndex;
    this.rowIndex = rowIndex;
    this.column = column;
  }

  /** A problem with the stream's schema, before any record batch. */
  static ArrowDataException schema(String source, String column, String detail) {
    String message = source + ": " + detail;
    return new ArrowDataException(source, -1, -1, column, message, null);
  }

  /** A problem with one value of one row. */
  static ArrowDataException row(
      String source, int batchIndex, long rowIndex, String column, String detail) {
    String message =
        String.format(
            "%s: row %d (batch %d): column \"%s\" %s",
            source, rowIndex, batchIndex, column, detail);
    return new ArrowDataException(source, batchIndex, rowIndex, column, message, null);
  }

  /** A problem with a whole column of one batch (malformed buffers). */
  static ArrowDataException column(
      String source, int batchIndex, String column, String detail, Throwable cause) {
    String message =
        String.format("%s: batch %d: column \"%s\" %s", source, batchIndex, column, detail);
    return new ArrowDataException(source, batchIndex, -1, column, message, cause);
  }

  /** A stream that cannot be read at batch {@code batchIndex} (-1: at the schema). */
  static ArrowDataException stream(String source, int batchIndex, String detail, Throwable cause) {
    String where = batchIndex < 0 ? "schema" : "batch " + batchIndex;
    String message = source + ": " + where + ": " + detail;
    return new ArrowDataException(source, batchIndex, -1, null, message, cause);
  }

  /** The name of the stream given by the reader's caller (a file name, a task id, ...). */
  public String source() {
    return source;
  }

  /** The 0-based record batch, when the problem is inside one. */
  public OptionalInt batchIndex() {
    return batchIndex < 0 ? OptionalInt.empty() : OptionalInt.of(batchIndex);
  }

  /** The 0-based row counted over the whole stream, when the problem is in one row. */
  public OptionalLong rowIndex() {
    return rowIndex < 0 ? OptionalLong.empty() : OptionalLong.of(rowIndex);
  }

  /** The column, when the problem is in one. */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }
}
