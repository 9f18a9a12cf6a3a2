package io.tether.core.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key of a config came from: a line and column of the YAML source, or a command-line
 * override. Builds the location prefix of every {@link ConfigException} the loader throws.
 */
final class Origins {
  private final String source;
  private final Map<String, String> keyMarks = new HashMap<>();
  private final Map<String, String> valueMarks = new HashMap<>();
  private final Map<String, String> overrides = new HashMap<>();
  private final Map<String, String> rawScalars = new HashMap<>();

  Origins(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  /** Records where the key {@code path} and its value start (1-based line and column). */
  void mark(String path, boolean atKey, int line, int column) {
    (atKey ? keyMarks : valueMarks).put(path, source + ":" + line + ":" + column);
  }

  /** Records the source text of a number or boolean, so a string key can keep it exactly. */
  void rawScalar(String path, String text) {
    rawScalars.put(path, text);
  }

  /** The source text of the number or boolean at {@code path}, or {@code null}. */
  String rawScalar(String path) {
    return rawScalars.get(path);
  }

  /** Records that {@code path} was last set by the override {@code text}. */
  void override(String path, String text) {
    overrides.put(path, overrideLocation(text));
  }

  /** The location prefix for an override that has not been applied yet. */
  String overrideLocation(String text) {
    return source + ": override " + Check.quote(text);
  }

  /** The best location for {@code path}: override, key or value position, or the source. */
  String locate(String path, boolean atKey) {
    String override = overrides.get(path);
    if (override != null) {
      return override;
    }
    Map<String, String> first = atKey ? keyMarks : valueMarks;
    Map<String, String> second = atKey ? valueMarks : keyMarks;
    return first.getOrDefault(path, second.getOrDefault(path, source));
  }

  /** The location of the first of {@code paths} that the file or an override sets. */
  String locateFirstSet(List<String> paths) {
    for (String path : paths) {
      if (overrides.containsKey(path) || valueMarks.containsKey(path)) {
        return locate(path, false);
      }
    }
    return source;
  }

  /** An error about {@code path}: {@code location: detail}. */
  ConfigException error(String path, boolean atKey, String detail) {
    return new ConfigException(path, locate(path, atKey) + ": " + detail);
  }

  /** An error about {@code path} whose detail is {@code path: detail}. */
  ConfigException keyError(String path, boolean atKey, String detail) {
    return error(path, atKey, displayPath(path) + ": " + detail);
  }

  static String displayPath(String path) {
    return path.isEmpty() ? "(top level)" : path;
  }
}
