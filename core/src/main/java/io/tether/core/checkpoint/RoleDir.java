package io.tether.core.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * {@code <run>/checkpoints/<role>/}: its version directories, writers' temporary directories and
 * the {@code LATEST} pointer. A version is <em>complete</em> when its directory holds
 * {@code CHECKSUMS}, which a writer adds last, before renaming its temporary directory.
 */
final class RoleDir {
  private static final System.Logger LOG = System.getLogger(RoleDir.class.getName());

  private final HadoopFiles files;
  private final String role;
  private final Path dir;

  RoleDir(HadoopFiles files, Path checkpointsDir, String role) {
    this.files = files;
    this.role = CheckpointNames.requireRole(role);
    this.dir = new Path(checkpointsDir, role);
  }

  String role() {
    return role;
  }

  Path dir() {
    return dir;
  }

  Path versionDir(long version) {
    return new Path(dir, CheckpointNames.versionDir(version));
  }

  Path checksums(long version) {
    return new Path(versionDir(version), CheckpointNames.CHECKSUMS);
  }

  Path newTempDir(long version) {
    return new Path(dir, CheckpointNames.tempDir(version, UUID.randomUUID().toString()));
  }

  boolean isComplete(long version) {
    return files.isFile(checksums(version));
  }

  /** Every version directory, complete or not, ascending. */
  List<Long> versionDirs() {
    List<Long> out = new ArrayList<>();
    for (FileStatus st : files.list(dir)) {
      OptionalLong v = CheckpointNames.parseVersionDir(st.getPath().getName());
      if (st.isDirectory() && v.isPresent()) {
        out.add(v.getAsLong());
      }
    }
    out.sort(null);
    return out;
  }

  /** Complete versions, ascending. */
  List<Long> completeVersions() {
    List<Long> out = new ArrayList<>(versionDirs());
    out.removeIf(v -> !isComplete(v));
    return out;
  }

  /** What {@code LATEST} names, if that is a complete version; else the highest complete one. */
  OptionalLong latest() {
    OptionalLong named = pointer();
    if (named.isPresent() && isComplete(named.getAsLong())) {
      return named;
    }
    if (named.isPresent()) {
      LOG.log(System.Logger.Level.WARNING, "{0} names {1}, which is not complete; scanning instead",
          latestFile(), CheckpointNames.versionDir(named.getAsLong()));
    }
    List<Long> versions = completeVersions();
    return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(versions.get(versions.size() - 1));
  }

  /** The version {@code LATEST} names, complete or not; empty if it is missing or unreadable. */
  OptionalLong pointer() {
    Optional<String> text;
    try {
      text = files.readString(latestFile());
    } catch (CheckpointException e) {
      LOG.log(System.Logger.Level.WARNING, "{0}; scanning instead", e.getMessage());
      return OptionalLong.empty();
    }
    OptionalLong v =
        text.map(String::strip).map(CheckpointNames::parseVersionDir).orElse(OptionalLong.empty());
    if (text.isPresent() && v.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "{0}: unreadable content ''{1}''; scanning instead",
          latestFile(), text.get().strip());
    }
    return v;
  }

  private Path latestFile() {
    return new Path(dir, CheckpointNames.LATEST);
  }

  /** Points {@code LATEST} at {@code version}: write a temporary file, rename it over LATEST. */
  void pointLatestAt(long version) {
    Path tmp = new Path(dir, CheckpointNames.LATEST + CheckpointNames.TMP_MARK + UUID.randomUUID());
    files.writeString(tmp, CheckpointNames.versionDir(version) + "\n");
    try {
      files.replace(tmp, latestFile());
    } catch (CheckpointException e) {
      try {
        files.delete(tmp);
      } catch (CheckpointException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Writers' temporary directories whose version passes {@code which}. */
  List<Path> tempDirs(LongPredicate which) {
    List<Path> out = new ArrayList<>();
    for (FileStatus st : files.list(dir)) {
      OptionalLong v = CheckpointNames.parseTempDir(st.getPath().getName());
      if (st.isDirectory() && v.isPresent() && which.test(v.getAsLong())) {
        out.add(st.getPath());
      }
    }
    return out;
  }

  /** Version directories without {@code CHECKSUMS} (left by a non-atomic rename) passing {@code which}. */
  List<Path> incompleteVersionDirs(LongPredicate which) {
    List<Path> out = new ArrayList<>();
    for (long v : versionDirs()) {
      if (which.test(v) && !isComplete(v)) {
        out.add(versionDir(v));
      }
    }
    return out;
  }
}
