package io.tether.core.checkpoint;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code CHECKSUMS} file of a checkpoint: one line per file, {@code <sha256 hex> <size> <name>},
 * sorted by name, each ending in a newline.
 *
 * @param entries by file name
 */
record Manifest(SortedMap<String, ManifestEntry> entries) {

  Manifest {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /** A manifest of {@code entries}; rejects two entries with one name. */
  static Manifest of(Collection<ManifestEntry> entries) {
    SortedMap<String, ManifestEntry> byName = new TreeMap<>();
    for (ManifestEntry e : entries) {
      if (byName.put(e.name(), e) != null) {
        throw new IllegalArgumentException("duplicate file name '" + e.name() + "' in manifest");
      }
    }
    return new Manifest(byName);
  }

  Optional<ManifestEntry> entry(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** The file's text. */
  String format() {
    StringBuilder sb = new StringBuilder();
    entries.values().forEach(e -> sb.append(e.line()).append('\n'));
    return sb.toString();
  }

  /** Parses {@link #format()}'s text; {@code uri} names the file in error messages. */
  static Manifest parse(String text, String uri) {
    SortedMap<String, ManifestEntry> byName = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty() && i == lines.length - 1) {
        break;
      }
      ManifestEntry e = parseLine(lines[i], uri, i + 1);
      if (byName.put(e.name(), e) != null) {
        throw new CheckpointException(uri + ": line " + (i + 1) + ": duplicate file " + e.name());
      }
    }
    return new Manifest(byName);
  }

  private static ManifestEntry parseLine(String line, String uri, int lineNo) {
    String[] parts = line.split(" ", -1);
    try {
      if (parts.length != 3) {
        throw new IllegalArgumentException("expected '<sha256> <size> <name>'");
      }
      return new ManifestEntry(parts[2], Long.parseLong(parts[1]), parts[0]);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(uri + ": malformed line " + lineNo + " '" + line + "': "
          + e.getMessage() + " (corrupt CHECKSUMS)", e);
    }
  }
}
