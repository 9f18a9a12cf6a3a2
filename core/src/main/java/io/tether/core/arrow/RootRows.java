package io.tether.core.arrow;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Rows to and from a {@link VectorSchemaRoot} that someone else streams (an Arrow Flight
 * exchange, for example), with the same checks as the IPC readers: the schema is checked once,
 * each batch for list lengths and nulls, and errors name the source, batch, row and column.
 */
public final class RootRows {
  private RootRows() {}

  /** Fails with an {@link ArrowDataException} naming the column if {@code actual} lacks one. */
  public static void requireSchema(RowCodec<?> codec, Schema actual, String source) {
    SchemaCheck.requireColumns(codec.schema(), actual, source);
  }

  /** The rows of the batch loaded in {@code root}, checked first. */
  public static <T> List<T> read(RowCodec<T> codec, VectorSchemaRoot root, String source,
      int batchIndex, long firstRow) {
    BatchCheck.validate(codec, root, source, batchIndex, firstRow);
    RowCodec.Binding<T> binding = codec.bind(root);
    List<T> out = new ArrayList<>(root.getRowCount());
    for (int row = 0; row < root.getRowCount(); row++) {
      out.add(binding.read(row));
    }
    return out;
  }

  /** Replaces the contents of {@code root} (of the codec's schema) with {@code rows}. */
  public static <T> void fill(RowCodec<T> codec, VectorSchemaRoot root, List<T> rows) {
    root.allocateNew();
    RowCodec.Binding<T> binding = codec.bind(root);
    for (int row = 0; row < rows.size(); row++) {
      binding.write(row, rows.get(row));
    }
    root.setRowCount(rows.size());
  }
}
