package io.tether.core.arrow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Joins Arrow IPC streams of one schema into one stream without decoding a row: the first
 * stream's schema message, then the record batch messages of every stream, byte for byte and in
 * order, then one end-of-stream marker. This is how a stage keeps the bytes its Spark tasks sent
 * (one stream per task) as one file that {@link ArrowIpc#readStream} reads.
 */
public final class IpcSplice {
  private static final byte[] END = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0,
      0};

  private IpcSplice() {}

  /**
   * Writes the rows of {@code streams}, in order, as one IPC stream.
   *
   * @param schema the schema every stream must have exactly (its writer's codec schema)
   * @param source names the streams in errors, e.g. {@code rollout task}; stream {@code i} is
   *     named {@code source + " " + i}
   * @throws ArrowDataException if a stream has another schema, a message other than a record
   *     batch, or is cut short; nothing is written past the error
   */
  public static void write(Schema schema, List<byte[]> streams, OutputStream out, String source) {
    try {
      out.write(schemaMessage(schema));
      for (int i = 0; i < streams.size(); i++) {
        copyBatches(schema, streams.get(i), out, source + " " + i);
      }
      out.write(END);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a spliced Arrow IPC stream", e);
    }
  }

  private static byte[] schemaMessage(Schema schema) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MessageSerializer.serialize(new WriteChannel(Channels.newChannel(bytes)), schema);
    return bytes.toByteArray();
  }

  private static void copyBatches(Schema schema, byte[] bytes, OutputStream out, String name)
      throws IOException {
    int off = 0;
    int batch = -1;
    while (true) {
      ReadChannel ch = new ReadChannel(Channels.newChannel(
          new ByteArrayInputStream(bytes, off, bytes.length - off)));
      MessageMetadataResult m = readMessage(ch, name, batch);
      if (m == null) {
        if (!isEnd(bytes, off, ch.bytesRead())) {
          throw ArrowDataException.stream(name, batch, "truncated Arrow IPC stream: no"
              + " end-of-stream marker after byte " + off, null);
        }
        return;
      }
      long end = off + ch.bytesRead() + m.getMessageBodyLength();
      if (end > bytes.length) {
        throw ArrowDataException.stream(name, batch, "truncated Arrow IPC stream: the message"
            + " ends at byte " + end + " of " + bytes.length, null);
      }
      if (batch < 0) {
        checkSchema(schema, m, name);
      } else if (m.headerType() == MessageHeader.RecordBatch) {
        out.write(bytes, off, (int) (end - off));
      } else {
        throw ArrowDataException.stream(name, batch, "unexpected Arrow IPC message of type "
            + MessageHeader.name(m.headerType()) + " (only record batches are joined)", null);
      }
      batch++;
      off = (int) end;
    }
  }

  /** The end-of-stream marker: continuation and zero length, or (before Arrow 0.15) zero. */
  private static boolean isEnd(byte[] bytes, int off, long read) {
    byte[] marker = Arrays.copyOfRange(bytes, off, (int) (off + read));
    return Arrays.equals(marker, END) || Arrays.equals(marker, new byte[4]);
  }

  private static MessageMetadataResult readMessage(ReadChannel ch, String name, int batch) {
    try {
      return MessageSerializer.readMessage(ch);
    } catch (IOException | RuntimeException e) {
      throw ArrowDataException.stream(name, batch, "unreadable Arrow IPC message: "
          + e.getMessage(), e);
    }
  }

  private static void checkSchema(Schema schema, MessageMetadataResult m, String name) {
    if (m.headerType() != MessageHeader.Schema) {
      throw ArrowDataException.schema(name, null, "an Arrow IPC stream must start with its"
          + " schema, found a message of type " + MessageHeader.name(m.headerType()));
    }
    Schema found = MessageSerializer.deserializeSchema(m);
    if (!found.equals(schema)) {
      throw ArrowDataException.schema(name, null, "schema " + found + " differs from the"
          + " expected " + schema);
    }
  }
}
