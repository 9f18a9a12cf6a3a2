package io.tether.core.arrow;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Checks one loaded record batch before its rows are decoded: well-formed buffers, no null in a
 * column (or list element) the codec's schema declares non-nullable, and equal list lengths within
 * each row for {@link RowCodec#equalLengthColumns()}. Runs after {@link SchemaCheck}, so every
 * expected column is present with its type.
 */
final class BatchCheck {
  private final String source;
  private final int batchIndex;
  private final long firstRow;

  private BatchCheck(String source, int batchIndex, long firstRow) {
    this.source = source;
    this.batchIndex = batchIndex;
    this.firstRow = firstRow;
  }

  /**
   * Checks batch {@code batchIndex} of {@code source}, now loaded in {@code root}.
   *
   * @param firstRow index, within the whole stream, of the batch's row 0
   * @throws ArrowDataException naming the first problem found
   */
  static void validate(
      RowCodec<?> codec, VectorSchemaRoot root, String source, int batchIndex, long firstRow) {
    BatchCheck check = new BatchCheck(source, batchIndex, firstRow);
    for (Field field : codec.schema().getFields()) {
      check.wellFormed(field.getName(), root.getVector(field.getName()), root.getRowCount());
    }
    for (Field field : codec.schema().getFields()) {
      check.noNulls(field, root.getVector(field.getName()));
    }
    check.equalLengths(codec.equalLengthColumns(), root);
  }

  private void wellFormed(String column, FieldVector vector, int rowCount) {
    if (vector.getValueCount() != rowCount) {
      String detail =
          String.format(
              "has %d values but the batch has %d rows", vector.getValueCount(), rowCount);
      throw ArrowDataException.column(source, batchIndex, column, detail, null);
    }
    try {
      ValueVectorUtility.validateFull(vector);
    } catch (RuntimeException e) {
      throw ArrowDataException.column(source, batchIndex, column, "is malformed: " + e, e);
    }
  }

  private void noNulls(Field field, FieldVector vector) {
    if (!field.isNullable() && vector.getNullCount() > 0) {
      int row = firstNull(vector, 0, vector.getValueCount());
      throw ArrowDataException.row(source, batchIndex, firstRow + row, field.getName(), "is null");
    }
    if (vector instanceof ListVector list && !field.getChildren().get(0).isNullable()) {
      noNullElements(field.getName(), list);
    }
  }

  private void noNullElements(String column, ListVector list) {
    ValueVector items = list.getDataVector();
    if (items.getNullCount() == 0) {
      return;
    }
    for (int row = 0; row < list.getValueCount(); row++) {
      int start = list.getElementStartIndex(row);
      int end = list.getElementEndIndex(row);
      int at = firstNull(items, start, end);
      if (at < end) {
        String detail = "has a null element at position " + (at - start);
        throw ArrowDataException.row(source, batchIndex, firstRow + row, column, detail);
      }
    }
  }

  private void equalLengths(List<String> columns, VectorSchemaRoot root) {
    if (columns.size() < 2) {
      return;
    }
    List<ListVector> lists = new ArrayList<>();
    for (String column : columns) {
      lists.add((ListVector) root.getVector(column));
    }
    for (int row = 0; row < root.getRowCount(); row++) {
      int expected = ListValues.length(lists.get(0), row);
      for (int k = 1; k < lists.size(); k++) {
        int actual = ListValues.length(lists.get(k), row);
        if (actual != expected) {
          String detail =
              String.format(
                  "has %d values but \"%s\" has %d", actual, columns.get(0), expected);
          throw ArrowDataException.row(
              source, batchIndex, firstRow + row, columns.get(k), detail);
        }
      }
    }
  }

  /** The first null index in [from, to), or {@code to} if there is none. */
  private static int firstNull(ValueVector vector, int from, int to) {
    for (int i = from; i < to; i++) {
      if (vector.isNull(i)) {
        return i;
      }
    }
    return to;
  }
}
