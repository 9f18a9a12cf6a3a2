package io.tether.core.arrow;

import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Reads and writes primitive arrays as one row of a {@code list<int32>} or {@code list<float32>}
 * column, straight into the list's offsets and its element vector (no boxing, no writer objects).
 */
final class ListValues {
  private ListValues() {}

  static void setInts(ListVector list, int row, int[] values) {
    int start = list.startNewValue(row);
    IntVector items = (IntVector) list.getDataVector();
    ensureCapacity(items, start + values.length);
    for (int i = 0; i < values.length; i++) {
      items.set(start + i, values[i]);
    }
    list.endValue(row, values.length);
  }

  static void setFloats(ListVector list, int row, float[] values) {
    int start = list.startNewValue(row);
    Float4Vector items = (Float4Vector) list.getDataVector();
    ensureCapacity(items, start + values.length);
    for (int i = 0; i < values.length; i++) {
      items.set(start + i, values[i]);
    }
    list.endValue(row, values.length);
  }

  static int[] getInts(ListVector list, int row) {
    int start = list.getElementStartIndex(row);
    int[] values = new int[list.getElementEndIndex(row) - start];
    IntVector items = (IntVector) list.getDataVector();
    for (int i = 0; i < values.length; i++) {
      values[i] = items.get(start + i);
    }
    return values;
  }

  static float[] getFloats(ListVector list, int row) {
    int start = list.getElementStartIndex(row);
    float[] values = new float[list.getElementEndIndex(row) - start];
    Float4Vector items = (Float4Vector) list.getDataVector();
    for (int i = 0; i < values.length; i++) {
      values[i] = items.get(start + i);
    }
    return values;
  }

  /** Number of elements in row {@code row} of {@code list}. */
  static int length(ListVector list, int row) {
    return list.getElementEndIndex(row) - list.getElementStartIndex(row);
  }

  private static void ensureCapacity(BaseFixedWidthVector items, int count) {
    while (items.getValueCapacity() < count) {
      items.reAlloc();
    }
  }
}
