package io.tether.core.arrow;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps a record type to the rows of one stage schema.
 *
 * <p>Columns are found by name, so a {@link VectorSchemaRoot} may hold them in any order and may
 * hold extra columns, which are ignored. {@link ArrowIpc} checks names, types, nulls and {@link
 * #equalLengthColumns()} before it calls {@link Binding#read}; a codec does not check them again.
 *
 * @param <T> the record type of one row
 */
public interface RowCodec<T> {

  /** The columns written, and required on read. */
  Schema schema();

  /**
   * Looks up this codec's vectors in {@code root} once, for writing or reading many rows.
   *
   * @throws IllegalArgumentException if a column is missing or has another vector type
   */
  Binding<T> bind(VectorSchemaRoot root);

  /** List columns whose lengths must be equal within each row; empty when there are none. */
  default List<String> equalLengthColumns() {
    return List.of();
  }

  /** Writes one row; see {@link Binding#write}. Looks the vectors up on every call. */
  default void write(VectorSchemaRoot root, int row, T value) {
    bind(root).write(row, value);
  }

  /** Reads one row; see {@link Binding#read}. Looks the vectors up on every call. */
  default T read(VectorSchemaRoot root, int row) {
    return bind(root).read(row);
  }

  /**
   * The vectors of one {@link VectorSchemaRoot}, looked up once.
   *
   * @param <T> the record type of one row
   */
  interface Binding<T> {
    /**
     * Writes {@code value} into row {@code row}, growing buffers as needed. Rows must be written
     * in increasing order after {@link VectorSchemaRoot#allocateNew()}; the caller then sets the
     * row count with {@link VectorSchemaRoot#setRowCount(int)}.
     */
    void write(int row, T value);

    /** Reads row {@code row}; the arrays of the result are new and owned by the record. */
    T read(int row);
  }
}
