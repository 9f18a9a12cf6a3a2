package io.tether.core.arrow;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Field factories for the stage schemas, and typed vector look-up. */
final class Columns {
  /** Name of a list's element field; pyarrow's name, so schemas print the same in both. */
  static final String LIST_ITEM = "item";

  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType INT64 = new ArrowType.Int(64, true);
  private static final ArrowType FLOAT32 =
      new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);

  private Columns() {}

  static Field int32(String name) {
    return Field.notNullable(name, INT32);
  }

  static Field int64(String name) {
    return Field.notNullable(name, INT64);
  }

  static Field float32(String name) {
    return Field.notNullable(name, FLOAT32);
  }

  static Field nullableFloat32(String name) {
    return Field.nullable(name, FLOAT32);
  }

  static Field bool(String name) {
    return Field.notNullable(name, ArrowType.Bool.INSTANCE);
  }

  static Field int32List(String name) {
    return list(name, INT32);
  }

  static Field float32List(String name) {
    return list(name, FLOAT32);
  }

  private static Field list(String name, ArrowType element) {
    Field item = Field.notNullable(LIST_ITEM, element);
    return new Field(name, FieldType.notNullable(ArrowType.List.INSTANCE), List.of(item));
  }

  /** {@code base}'s fields followed by {@code more}. */
  static Schema extend(Schema base, Field... more) {
    List<Field> fields = new ArrayList<>(base.getFields());
    fields.addAll(List.of(more));
    return new Schema(fields);
  }

  /**
   * The vector named {@code name} in {@code root}.
   *
   * @throws IllegalArgumentException if it is missing or is not a {@code type}
   */
  static <V extends FieldVector> V vector(VectorSchemaRoot root, String name, Class<V> type) {
    FieldVector vector = root.getVector(name);
    if (vector == null) {
      throw new IllegalArgumentException("no column \"" + name + "\"");
    }
    if (!type.isInstance(vector)) {
      throw new IllegalArgumentException(
          "column \"" + name + "\" is a " + vector.getClass().getSimpleName()
              + ", expected " + type.getSimpleName());
    }
    return type.cast(vector);
  }
}
