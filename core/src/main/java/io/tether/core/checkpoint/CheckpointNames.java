package io.tether.core.checkpoint;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names used in the checkpoint layout, and validation of the names callers choose. */
final class CheckpointNames {
  static final String CHECKPOINTS = "checkpoints";
  static final String CHECKSUMS = "CHECKSUMS";
  static final String LATEST = "LATEST";
  static final String TMP_MARK = ".tmp-";

  /** Letters, digits, '.', '_' and '-', not starting with '.', at most 255 characters. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");
  private static final Pattern VERSION_DIR = Pattern.compile("v(\\d{6,19})");
  private static final Pattern TEMP_DIR = Pattern.compile("\\.(v\\d{6,19})\\.tmp-[A-Za-z0-9-]+");

  private CheckpointNames() {}

  /** Returns {@code name} if it may name a file inside a checkpoint. */
  static String requireFileName(String name) {
    requireSafe("file name", name);
    if (name.equals(CHECKSUMS) || name.equals(LATEST)) {
      throw new IllegalArgumentException("file name '" + name + "' is reserved by the checkpoint store");
    }
    return name;
  }

  /** Returns {@code role} if it may name a role directory, e.g. {@code policy}. */
  static String requireRole(String role) {
    return requireSafe("role", role);
  }

  /** Returns {@code version} if it is not negative. */
  static long requireVersion(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("checkpoint version must be >= 0, got " + version);
    }
    return version;
  }

  private static String requireSafe(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException(what + " '" + name + "' must not contain a path separator");
    }
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " '" + name + "' is invalid: use letters, digits,"
          + " '.', '_' and '-', not starting with '.' (so '.' and '..' are rejected), at most 255");
    }
    return name;
  }

  /** {@code v000007}. */
  static String versionDir(long version) {
    return String.format("v%06d", requireVersion(version));
  }

  /** The version a directory name stands for, only if it is exactly what {@link #versionDir} writes. */
  static OptionalLong parseVersionDir(String name) {
    Matcher m = VERSION_DIR.matcher(name);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    try {
      long v = Long.parseLong(m.group(1));
      return versionDir(v).equals(name) ? OptionalLong.of(v) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code .v000007.tmp-<token>}: where a writer puts its files until commit. */
  static String tempDir(long version, String token) {
    return "." + versionDir(version) + TMP_MARK + token;
  }

  /** The version of a writer's temporary directory name. */
  static OptionalLong parseTempDir(String name) {
    Matcher m = TEMP_DIR.matcher(name);
    return m.matches() ? parseVersionDir(m.group(1)) : OptionalLong.empty();
  }
}
