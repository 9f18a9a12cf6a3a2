package io.tether.core.arrow;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Wrappers that keep Arrow's reader and writer from closing the caller's streams, and that tell
 * whether the reader ran into the end of the input.
 */
final class StreamGuards {
  private StreamGuards() {}

  /** An output stream whose {@code close} only flushes. */
  static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /**
   * An input stream whose {@code close} does nothing and which records whether a read hit the end
   * of the input. Arrow's stream reader reads exactly the bytes of each message, so on a complete
   * stream it stops at the end-of-stream marker without ever reaching the end of the input.
   */
  static final class EofTracking extends FilterInputStream {
    private boolean reachedEnd;

    EofTracking(InputStream in) {
      super(in);
    }

    boolean reachedEnd() {
      return reachedEnd;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      reachedEnd |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      reachedEnd |= n < 0;
      return n;
    }

    @Override
    public void close() {
      // The caller owns the underlying stream.
    }
  }
}
