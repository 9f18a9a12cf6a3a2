package io.tether.core.arrow;

import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Short type names for messages ({@code int64}, {@code list<float32>}) and type comparison. */
final class ArrowTypes {
  private ArrowTypes() {}

  /**
   * Whether {@code actual} has the type of {@code expected}, children included. Names of list
   * elements and nullability are not compared: nulls are checked in the data.
   */
  static boolean sameType(Field expected, Field actual) {
    List<Field> want = expected.getChildren();
    List<Field> got = actual.getChildren();
    if (!expected.getType().equals(actual.getType()) || want.size() != got.size()) {
      return false;
    }
    for (int i = 0; i < want.size(); i++) {
      if (!sameType(want.get(i), got.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The type of {@code field} as {@code int32}, {@code float32}, {@code list<int32>}, .... */
  static String describe(Field field) {
    ArrowType type = field.getType();
    List<Field> children = field.getChildren();
    if (type instanceof ArrowType.List && children.size() == 1) {
      return "list<" + describe(children.get(0)) + ">";
    }
    if (type instanceof ArrowType.LargeList && children.size() == 1) {
      return "large_list<" + describe(children.get(0)) + ">";
    }
    return describe(type);
  }

  private static String describe(ArrowType type) {
    if (type instanceof ArrowType.Int i) {
      return (i.getIsSigned() ? "int" : "uint") + i.getBitWidth();
    }
    if (type instanceof ArrowType.FloatingPoint f) {
      return switch (f.getPrecision()) {
        case HALF -> "float16";
        case SINGLE -> "float32";
        case DOUBLE -> "float64";
      };
    }
    if (type instanceof ArrowType.Bool) {
      return "bool";
    }
    return type.toString().toLowerCase(Locale.ROOT);
  }
}
