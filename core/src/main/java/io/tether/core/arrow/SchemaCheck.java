package io.tether.core.arrow;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Checks a stream's schema against a codec's: every expected column present by name with the
 * expected type. Order, extra columns and declared nullability do not matter.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  static void requireColumns(Schema expected, Schema actual, String source) {
    for (Field want : expected.getFields()) {
      Field got = find(actual, want.getName());
      if (got == null) {
        throw ArrowDataException.schema(
            source,
            want.getName(),
            String.format(
                "missing column \"%s\" (expected %s)", want.getName(), ArrowTypes.describe(want)));
      }
      if (!ArrowTypes.sameType(want, got)) {
        throw ArrowDataException.schema(
            source,
            want.getName(),
            String.format(
                "column \"%s\" has type %s, expected %s",
                want.getName(), ArrowTypes.describe(got), ArrowTypes.describe(want)));
      }
    }
  }

  private static Field find(Schema schema, String name) {
    for (Field field : schema.getFields()) {
      if (field.getName().equals(name)) {
        return field;
      }
    }
    return null;
  }
}
