package io.tether.core.config;

import java.util.regex.Pattern;

/** Range checks used by the config records' compact constructors; each names the key path. */
final class Check {
  private Check() {}

  static <T> T present(String key, T value) {
    if (value == null) {
      throw new ConfigException(key, key + " must not be null");
    }
    return value;
  }

  static void atLeast(String key, long value, long min) {
    if (value < min) {
      throw new ConfigException(key, key + " must be >= " + min + ", got " + value);
    }
  }

  static void positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new ConfigException(key, key + " must be > 0, got " + value);
    }
  }

  static void nonNegative(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new ConfigException(key, key + " must be >= 0, got " + value);
    }
  }

  /** value in (0, 1). */
  static void openUnit(String key, double value) {
    if (!(value > 0 && value < 1)) {
      throw new ConfigException(key, key + " must be in (0, 1), got " + value);
    }
  }

  /** value in [0, 1]. */
  static void closedUnit(String key, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigException(key, key + " must be in [0, 1], got " + value);
    }
  }

  /** value in [0, 1). */
  static void unitBelowOne(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new ConfigException(key, key + " must be in [0, 1), got " + value);
    }
  }

  /** value in (0, 1]. */
  static void unitAboveZero(String key, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new ConfigException(key, key + " must be in (0, 1], got " + value);
    }
  }

  /** 0 means "take the preset's value"; anything else must be at least {@code min}. */
  static void zeroOrAtLeast(String key, int value, int min) {
    if (value != 0 && value < min) {
      throw new ConfigException(
          key, key + " must be 0 (take the preset's value) or >= " + min + ", got " + value);
    }
  }

  static void matches(String key, String value, Pattern pattern) {
    present(key, value);
    if (!pattern.matcher(value).matches()) {
      throw new ConfigException(
          key, key + " must match " + pattern.pattern() + ", got " + quote(value));
    }
  }

  static void nonEmpty(String key, String value) {
    present(key, value);
    if (value.isBlank()) {
      throw new ConfigException(key, key + " must not be empty, got " + quote(value));
    }
  }

  static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
