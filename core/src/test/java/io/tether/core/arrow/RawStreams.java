package io.tether.core.arrow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/** Writes hand-built (possibly bad) streams straight from a raw {@link VectorSchemaRoot}. */
final class RawStreams {
  private RawStreams() {}

  /**
   * A stream with {@code schema} and one record batch per filler. Each filler gets a freshly
   * allocated root and must set its row count.
   */
  @SafeVarargs
  static byte[] write(
      BufferAllocator allocator, Schema schema, Consumer<VectorSchemaRoot>... batches)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      writer.start();
      for (Consumer<VectorSchemaRoot> batch : batches) {
        root.allocateNew();
        batch.accept(root);
        writer.writeBatch();
      }
      writer.end();
    }
    return out.toByteArray();
  }

  /** Fills {@code root} with {@code rows} through the codec. */
  static <T> void fill(RowCodec<T> codec, VectorSchemaRoot root, List<T> rows) {
    RowCodec.Binding<T> binding = codec.bind(root);
    for (int i = 0; i < rows.size(); i++) {
      binding.write(i, rows.get(i));
    }
    root.setRowCount(rows.size());
  }

  /** Rewrites a {@code list<float32>} column with rows of the given lengths (values 0.5). */
  static void rewriteFloatList(ListVector list, int[] lengths) {
    list.clear();
    list.allocateNew();
    UnionListWriter writer = list.getWriter();
    for (int row = 0; row < lengths.length; row++) {
      writer.setPosition(row);
      writer.startList();
      for (int i = 0; i < lengths[row]; i++) {
        writer.writeFloat4(0.5f);
      }
      writer.endList();
    }
    list.setValueCount(lengths.length);
  }
}
