package io.tether.core.checkpoint;

import java.util.regex.Pattern;

/**
 * One line of a {@code CHECKSUMS} manifest.
 *
 * @param name file name inside the checkpoint directory
 * @param size length in bytes
 * @param sha256 SHA-256 of the content, 64 lower-case hex digits
 */
record ManifestEntry(String name, long size, String sha256) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  ManifestEntry {
    CheckpointNames.requireFileName(name);
    if (size < 0) {
      throw new IllegalArgumentException("size of '" + name + "' must be >= 0, got " + size);
    }
    if (sha256 == null || !HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 of '" + name + "' must be 64 lower-case hex digits");
    }
  }

  /** {@code <sha256> <size> <name>}. */
  String line() {
    return sha256 + " " + size + " " + name;
  }
}
