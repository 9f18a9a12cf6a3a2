package io.tether.core.arrow;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Reads an Arrow IPC stream one record batch at a time, each batch as a list of records. Open one
 * with {@link ArrowIpc#openStream}; close it (try-with-resources) to free the batch's Arrow memory.
 * The records handed out live on the Java heap and stay valid after {@code close}.
 *
 * <p>The schema is checked when the reader is opened, each batch when it is loaded (see {@link
 * ArrowIpc}). A stream that ends without the end-of-stream marker is reported as truncated once
 * the batches before the cut have been handed out. Every problem is an {@link ArrowDataException};
 * the caller's input stream is not closed.
 *
 * @param <T> the record type of one row
 */
public final class RowBatchReader<T> implements Iterator<List<T>>, Closeable {
  private final RowCodec<T> codec;
  private final String source;
  private final StreamGuards.EofTracking input;
  private final ArrowStreamReader reader;
  private final VectorSchemaRoot root;
  private int batchIndex;
  private long rowsRead;
  private List<T> pending;
  private boolean finished;
  private ArrowDataException failure;

  private RowBatchReader(
      RowCodec<T> codec, String source, StreamGuards.EofTracking input, ArrowStreamReader reader) {
    this.codec = codec;
    this.source = source;
    this.input = input;
    this.reader = reader;
    this.root = schemaRoot();
    SchemaCheck.requireColumns(codec.schema(), root.getSchema(), source);
  }

  static <T> RowBatchReader<T> open(
      RowCodec<T> codec, InputStream in, BufferAllocator allocator, String sourceName) {
    StreamGuards.EofTracking input = new StreamGuards.EofTracking(in);
    ArrowStreamReader reader = new ArrowStreamReader(input, allocator);
    try {
      return new RowBatchReader<>(codec, sourceName, input, reader);
    } catch (RuntimeException e) {
      closeAfterFailure(reader, e);
      throw e;
    }
  }

  /** Index of the next batch to be handed out; after the end, the number of batches. */
  public int batchIndex() {
    return batchIndex;
  }

  /** Rows handed out so far. */
  public long rowsRead() {
    return rowsRead;
  }

  /**
   * Whether another batch follows; loads and checks it.
   *
   * @throws ArrowDataException if the next batch is unreadable or fails a check; again on every
   *     later call
   */
  @Override
  public boolean hasNext() {
    if (failure != null) {
      throw failure;
    }
    if (pending == null && !finished) {
      try {
        pending = loadBatch();
      } catch (ArrowDataException e) {
        failure = e; // a failed stream is not read further
        throw e;
      }
      finished = pending == null;
    }
    return pending != null;
  }

  /**
   * The next batch's rows, in stream order.
   *
   * @throws ArrowDataException if the next batch is unreadable or fails a check
   */
  @Override
  public List<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException(source + ": no more record batches");
    }
    List<T> batch = pending;
    pending = null;
    batchIndex++;
    rowsRead += batch.size();
    return batch;
  }

  /** Frees the Arrow memory of the reader; does not close the input stream. */
  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": closing the Arrow reader", e);
    }
  }

  private VectorSchemaRoot schemaRoot() {
    try {
      return reader.getVectorSchemaRoot();
    } catch (IOException | RuntimeException e) {
      throw unreadable(-1, e);
    }
  }

  /** The rows of the next batch, or null at the end of the stream. */
  private List<T> loadBatch() {
    boolean loaded;
    try {
      loaded = reader.loadNextBatch();
    } catch (IOException | RuntimeException e) {
      throw unreadable(batchIndex, e);
    }
    if (!loaded) {
      requireEndMarker();
      return null;
    }
    BatchCheck.validate(codec, root, source, batchIndex, rowsRead);
    return decode();
  }

  private List<T> decode() {
    RowCodec.Binding<T> binding = codec.bind(root);
    int rows = root.getRowCount();
    List<T> values = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      values.add(binding.read(row));
    }
    return values;
  }

  private void requireEndMarker() {
    if (input.reachedEnd()) {
      throw ArrowDataException.stream(
          source,
          batchIndex,
          "stream ends without the end-of-stream marker (truncated after "
              + batchIndex + " complete batches?)",
          null);
    }
  }

  private RuntimeException unreadable(int batch, Exception e) {
    if (e instanceof OutOfMemoryException oom) {
      return oom;
    }
    String detail = "unreadable Arrow IPC stream (truncated or corrupt): " + e;
    return ArrowDataException.stream(source, batch, detail, e);
  }

  private static void closeAfterFailure(ArrowStreamReader reader, RuntimeException failure) {
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
