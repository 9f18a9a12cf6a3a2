package io.tether.core.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Versioned checkpoints of named files on any Hadoop file system (file://, hdfs://, s3a://, ...).
 *
 * <p>Layout under the run directory: {@code checkpoints/<role>/v000007/} holds the files plus a
 * {@code CHECKSUMS} manifest (SHA-256, size and name of each file), written last;
 * {@code checkpoints/<role>/LATEST} holds the name of the newest committed version. A version is
 * <em>complete</em> when its directory holds {@code CHECKSUMS}; readers see complete versions only.
 * Writers work in hidden temporary directories ({@code .v000007.tmp-<uuid>}) that readers ignore.
 *
 * <p>A run directory without a scheme is resolved by Hadoop against {@code fs.defaultFS} (the local
 * file system unless configured) and the working directory. The store does not close the Hadoop
 * {@link FileSystem}, which Hadoop caches and shares. One writer per role at a time.
 */
public final class CheckpointStore {
  private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());

  private final HadoopFiles files;
  private final Path checkpointsDir;
  private final Verifier verifier;

  /**
   * @param conf Hadoop configuration used to open the file system
   * @param runDir the run directory, a path or URI, e.g. {@code runs/exp1} or {@code hdfs://nn/runs/exp1}
   */
  public CheckpointStore(Configuration conf, String runDir) {
    this(conf, runDir, true);
  }

  /** {@code useFileContext=false} forces the plain {@code FileSystem.rename} fallback (tests). */
  CheckpointStore(Configuration conf, String runDir, boolean useFileContext) {
    Path run = new Path(runDir);
    FileSystem fs;
    try {
      fs = run.getFileSystem(conf);
    } catch (IOException e) {
      throw CheckpointException.io(runDir, "opening the file system", e);
    }
    this.files = new HadoopFiles(fs, conf, useFileContext);
    this.checkpointsDir = new Path(fs.makeQualified(run), CheckpointNames.CHECKPOINTS);
    this.verifier = new Verifier(files);
  }

  /** The fully qualified URI of {@code <run>/checkpoints}. */
  public String root() {
    return checkpointsDir.toString();
  }

  /**
   * Writes {@code text} as the file {@code name} beside the roles ({@code checkpoints/<name>}),
   * for what every checkpoint of the run shares (the fitted tokenizer). Written to a temporary
   * file and moved into place, so readers see the whole file or none.
   */
  public void writeShared(String name, String text) {
    files.mkdirs(checkpointsDir);
    Path tmp = new Path(checkpointsDir, "." + name + ".tmp-" + java.util.UUID.randomUUID());
    files.writeString(tmp, text);
    files.replace(tmp, new Path(checkpointsDir, name));
  }

  /** The shared file {@code name} ({@link #writeShared}); empty if there is none. */
  public java.util.Optional<String> readShared(String name) {
    return files.readString(new Path(checkpointsDir, name));
  }

  /** The URI of the shared file {@code name}, for messages. */
  public String sharedUri(String name) {
    return new Path(checkpointsDir, name).toString();
  }

  /** The fully qualified URI that version {@code version} of {@code role} has once committed. */
  public String uri(Role role, long version) {
    return roleDir(role).versionDir(version).toString();
  }

  /**
   * Starts writing {@code version} of {@code role}. Leftovers of a crashed writer of this version
   * are deleted first.
   *
   * @throws CheckpointException if the version already exists complete, or the directory cannot be
   *     created (the message names the path)
   */
  public CheckpointWriter begin(Role role, long version) {
    RoleDir rd = roleDir(role);
    CheckpointNames.requireVersion(version);
    files.mkdirs(rd.dir()); // first, so that an unusable path is reported as such
    if (rd.isComplete(version)) {
      throw new CheckpointException(rd.versionDir(version)
          + ": checkpoint already exists; choose a new version (existing: " + rd.completeVersions() + ")");
    }
    deleteLeftovers(rd, v -> v == version);
    Path tempDir = rd.newTempDir(version);
    files.mkdirs(tempDir);
    return new CheckpointWriter(files, rd, version, tempDir);
  }

  /** The complete versions of {@code role}, ascending. */
  public List<Long> versions(Role role) {
    return roleDir(role).completeVersions();
  }

  /**
   * The version {@code LATEST} names; if {@code LATEST} is missing, unreadable or names a version
   * that is not complete, the highest complete version; empty if there is none.
   */
  public OptionalLong latest(Role role) {
    return roleDir(role).latest();
  }

  /** Opens {@code version} after verifying every file of its manifest. */
  public Checkpoint open(Role role, long version) {
    CheckpointNames.requireVersion(version);
    return verifier.load(roleDir(role), version);
  }

  /** Opens {@link #latest}, verified. */
  public Checkpoint openLatest(Role role) {
    RoleDir rd = roleDir(role);
    OptionalLong v = rd.latest();
    if (v.isEmpty()) {
      throw noCheckpoint(rd);
    }
    return verifier.load(rd, v.getAsLong());
  }

  /**
   * Opens the newest version that verifies, walking back from {@link #latest} (or from the version
   * {@code LATEST} names, if that is newer but incomplete). Versions passed over are logged and
   * returned with the reason.
   *
   * @throws CheckpointException if no version verifies; the message lists why each failed
   */
  public ValidCheckpoint openLatestValid(Role role) {
    RoleDir rd = roleDir(role);
    List<SkippedVersion> skipped = new ArrayList<>();
    for (long v : candidatesNewestFirst(rd)) {
      try {
        return new ValidCheckpoint(verifier.load(rd, v), skipped);
      } catch (CheckpointException e) {
        LOG.log(System.Logger.Level.WARNING, "skipping {0}: {1}", rd.versionDir(v), e.getMessage());
        skipped.add(new SkippedVersion(v, e.getMessage()));
      }
    }
    if (skipped.isEmpty()) {
      throw noCheckpoint(rd);
    }
    throw new CheckpointException(rd.dir() + ": no version verifies: " + skipped);
  }

  private static List<Long> candidatesNewestFirst(RoleDir rd) {
    long start = Math.max(rd.pointer().orElse(-1), rd.latest().orElse(-1));
    List<Long> out = new ArrayList<>(rd.versionDirs());
    out.removeIf(v -> v > start);
    out.sort((a, b) -> Long.compare(b, a));
    return out;
  }

  /**
   * Deletes the oldest complete versions beyond the newest {@code keep}, except the one
   * {@link #latest} names; also deletes writers' leftovers of versions no newer than the newest
   * complete one (a newer temporary directory may belong to a writer still at work).
   *
   * @return the deleted versions, ascending
   */
  public List<Long> prune(Role role, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    RoleDir rd = roleDir(role);
    List<Long> versions = rd.completeVersions();
    long latest = rd.latest().orElse(-1);
    List<Long> deleted = new ArrayList<>();
    for (long v : versions.subList(0, Math.max(0, versions.size() - keep))) {
      if (v != latest) {
        files.delete(rd.checksums(v)); // incomplete first: a half-deleted version stays invisible
        files.delete(rd.versionDir(v));
        deleted.add(v);
      }
    }
    long newest = versions.isEmpty() ? -1 : versions.get(versions.size() - 1);
    deleteLeftovers(rd, v -> v <= newest);
    return deleted;
  }

  /**
   * Deletes every complete version of {@code role} newer than {@code version} (all of them when
   * it is negative), with any leftovers: what a writer committed after the point a resumed run
   * continues from (a crash between two roles' commits), which that run writes again.
   *
   * @return the versions deleted, ascending
   */
  public List<Long> discardAfter(Role role, long version) {
    RoleDir rd = roleDir(role);
    List<Long> deleted = new ArrayList<>();
    for (long v : rd.completeVersions()) {
      if (v > version) {
        files.delete(rd.checksums(v)); // incomplete first, as prune does
        files.delete(rd.versionDir(v));
        deleted.add(v);
      }
    }
    deleteLeftovers(rd, v -> v > version);
    return deleted;
  }

  private void deleteLeftovers(RoleDir rd, LongPredicate which) {
    List<Path> leftovers = new ArrayList<>(rd.tempDirs(which));
    leftovers.addAll(rd.incompleteVersionDirs(which));
    for (Path p : leftovers) {
      LOG.log(System.Logger.Level.INFO, "deleting leftover of an unfinished checkpoint: {0}", p);
      files.delete(p);
    }
  }

  private CheckpointException noCheckpoint(RoleDir rd) {
    return new CheckpointException(rd.dir() + ": no complete checkpoint for role '" + rd.role() + "'");
  }

  private RoleDir roleDir(Role role) {
    return new RoleDir(files, checkpointsDir, role.dirName());
  }
}
