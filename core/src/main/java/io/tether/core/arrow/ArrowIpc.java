package io.tether.core.arrow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Writes and reads lists of stage records as Arrow IPC streams (the streaming format: a schema
 * message, record batches, an end-of-stream marker).
 *
 * <p>Reading checks, and reports as {@link ArrowDataException} naming the source, batch, row and
 * column:
 *
 * <ul>
 *   <li>the schema has every column of the codec's schema, by name, with the same Arrow type.
 *       Extra columns are allowed and ignored, and column order does not matter, so a newer
 *       writer may add columns without breaking older readers. A column declared nullable is
 *       accepted (Spark declares every column so) but a null in it is still an error;
 *   <li>no null in a non-nullable column or list element, list columns of one row of equal
 *       length where the codec says so, and well-formed buffers;
 *   <li>the stream is complete: a stream cut anywhere, even between messages (no end-of-stream
 *       marker), is reported as truncated rather than read short.
 * </ul>
 *
 * <p>Input and output streams are not closed. All Arrow memory is taken from the caller's
 * allocator and given back before each method returns.
 */
public final class ArrowIpc {
  private ArrowIpc() {}

  /**
   * Writes {@code rows} as one IPC stream of record batches of at most {@code maxRowsPerBatch}
   * rows. An empty list writes the schema and the end marker only.
   *
   * @throws IllegalArgumentException if {@code maxRowsPerBatch < 1}
   * @throws UncheckedIOException if {@code out} fails
   */
  public static <T> void writeStream(
      RowCodec<T> codec,
      List<T> rows,
      OutputStream out,
      BufferAllocator allocator,
      int maxRowsPerBatch) {
    if (maxRowsPerBatch < 1) {
      throw new IllegalArgumentException("maxRowsPerBatch must be >= 1, got " + maxRowsPerBatch);
    }
    OutputStream guarded = StreamGuards.nonClosing(out);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(codec.schema(), allocator);
        ArrowStreamWriter writer =
            new ArrowStreamWriter(root, null, Channels.newChannel(guarded))) {
      writer.start();
      for (int from = 0; from < rows.size(); from += maxRowsPerBatch) {
        fill(codec, root, rows.subList(from, Math.min(rows.size(), from + maxRowsPerBatch)));
        writer.writeBatch();
      }
      writer.end();
    } catch (IOException e) {
      throw new UncheckedIOException("writing an Arrow IPC stream", e);
    }
  }

  /**
   * Reads a whole IPC stream written with {@code codec}'s schema (or a compatible one).
   *
   * @param sourceName names the stream in error messages, e.g. a file name
   * @throws ArrowDataException if the stream is unreadable or fails a check
   */
  public static <T> List<T> readStream(
      RowCodec<T> codec, InputStream in, BufferAllocator allocator, String sourceName) {
    List<T> rows = new ArrayList<>();
    try (RowBatchReader<T> reader = openStream(codec, in, allocator, sourceName)) {
      while (reader.hasNext()) {
        rows.addAll(reader.next());
      }
    }
    return rows;
  }

  /**
   * Opens an IPC stream for reading one record batch at a time. The schema is read and checked
   * now; the caller closes the reader.
   *
   * @param sourceName names the stream in error messages, e.g. a file name
   * @throws ArrowDataException if the schema is unreadable or lacks a column
   */
  public static <T> RowBatchReader<T> openStream(
      RowCodec<T> codec, InputStream in, BufferAllocator allocator, String sourceName) {
    return RowBatchReader.open(codec, in, allocator, sourceName);
  }

  /** {@link #writeStream} into a byte array, e.g. to ship rows out of a Spark task. */
  public static <T> byte[] toBytes(
      RowCodec<T> codec, List<T> rows, BufferAllocator allocator, int maxRowsPerBatch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeStream(codec, rows, out, allocator, maxRowsPerBatch);
    return out.toByteArray();
  }

  /** {@link #readStream} from a byte array. */
  public static <T> List<T> fromBytes(
      RowCodec<T> codec, byte[] bytes, BufferAllocator allocator, String sourceName) {
    return readStream(codec, new ByteArrayInputStream(bytes), allocator, sourceName);
  }

  private static <T> void fill(RowCodec<T> codec, VectorSchemaRoot root, List<T> rows) {
    RootRows.fill(codec, root, rows);
  }
}
