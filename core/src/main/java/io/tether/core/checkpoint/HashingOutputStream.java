package io.tether.core.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.function.Consumer;

/**
 * Passes bytes to a Hadoop stream while computing their SHA-256 and count, so the manifest needs
 * no second read. On a successful {@link #close()} after successful writes it hands the finished
 * {@link ManifestEntry} to its writer; after a failed write the file never counts as written.
 * I/O errors surface as {@link CheckpointException}s naming the file's URI.
 */
final class HashingOutputStream extends OutputStream {
  private final OutputStream out;
  private final String name;
  private final String uri;
  private final Consumer<ManifestEntry> onClosed;
  private final MessageDigest digest = Sha256.newDigest();
  private long size;
  private boolean closed;
  /** A write failed: the content is incomplete, so close() must not report it as a finished file. */
  private boolean failed;

  HashingOutputStream(OutputStream out, String name, String uri, Consumer<ManifestEntry> onClosed) {
    this.out = out;
    this.name = name;
    this.uri = uri;
    this.onClosed = onClosed;
  }

  @Override
  public void write(int b) {
    requireOpen();
    try {
      out.write(b);
    } catch (IOException e) {
      failed = true;
      throw CheckpointException.io(uri, "write", e);
    }
    digest.update((byte) b);
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    requireOpen();
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      failed = true;
      throw CheckpointException.io(uri, "write", e);
    }
    digest.update(b, off, len);
    size += len;
  }

  @Override
  public void flush() {
    requireOpen();
    try {
      out.flush();
    } catch (IOException e) {
      failed = true;
      throw CheckpointException.io(uri, "flush", e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw CheckpointException.io(uri, "close", e);
    }
    if (!failed) {
      onClosed.accept(new ManifestEntry(name, size, Sha256.hex(digest)));
    }
  }

  /** Closes the Hadoop stream without recording the file: used when a writer aborts. */
  void abandon() {
    if (!closed) {
      closed = true;
      try {
        out.close();
      } catch (IOException ignored) {
        // The temporary directory is deleted next; the file's fate does not matter.
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(uri + ": stream already closed");
    }
  }
}
