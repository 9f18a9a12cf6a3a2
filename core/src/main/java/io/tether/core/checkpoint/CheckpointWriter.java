package io.tether.core.checkpoint;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * Writes one checkpoint version into a temporary directory
 * ({@code checkpoints/<role>/.v000007.tmp-<uuid>}) that readers ignore. {@link #commit()} adds the
 * {@code CHECKSUMS} manifest, renames the directory to {@code v000007} and then points
 * {@code LATEST} at it. Closing without a commit aborts: the temporary directory is deleted. Use
 * with try-with-resources:
 *
 * <pre>{@code
 * try (CheckpointWriter w = store.begin(Role.POLICY, 7)) {
 *   try (OutputStream out = w.create("model.params")) { block.saveParameters(new DataOutputStream(out)); }
 *   w.putString("model.json", configJson);
 *   w.commit();
 * }
 * }</pre>
 *
 * Not thread-safe; one writer per role at a time.
 */
public final class CheckpointWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CheckpointWriter.class.getName());

  private enum State { OPEN, COMMITTED, ABORTED }

  private final HadoopFiles files;
  private final RoleDir roleDir;
  private final long version;
  private final Path tempDir;
  /** Files in creation order; the value stays null until the file's stream closes successfully. */
  private final Map<String, ManifestEntry> written = new LinkedHashMap<>();
  private final Map<String, HashingOutputStream> streams = new LinkedHashMap<>();
  private State state = State.OPEN;

  CheckpointWriter(HadoopFiles files, RoleDir roleDir, long version, Path tempDir) {
    this.files = files;
    this.roleDir = roleDir;
    this.version = version;
    this.tempDir = tempDir;
  }

  public String role() {
    return roleDir.role();
  }

  public long version() {
    return version;
  }

  /** Where the checkpoint will be once committed. */
  public String uri() {
    return roleDir.versionDir(version).toString();
  }

  /**
   * A new file {@code name} in this checkpoint; its SHA-256 and size are computed as it is
   * written. Close the stream before {@link #commit()}. Its methods throw
   * {@link CheckpointException} (naming the file) on I/O errors.
   *
   * @throws IllegalArgumentException if the name is invalid, reserved or already used here
   */
  public OutputStream create(String name) {
    return newStream(name);
  }

  private HashingOutputStream newStream(String name) {
    requireOpen();
    CheckpointNames.requireFileName(name);
    if (written.containsKey(name)) {
      throw new IllegalArgumentException("file '" + name + "' was already written to " + uri());
    }
    Path file = new Path(tempDir, name);
    HashingOutputStream out = new HashingOutputStream(files.create(file), name, file.toString(),
        entry -> written.put(name, entry));
    written.put(name, null);
    streams.put(name, out);
    return out;
  }

  /** Writes {@code data} as file {@code name}. */
  public void putBytes(String name, byte[] data) {
    try (HashingOutputStream out = newStream(name)) {
      out.write(data, 0, data.length);
    }
  }

  /** Writes {@code text} as file {@code name}, UTF-8 encoded. */
  public void putString(String name, String text) {
    putBytes(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Makes the checkpoint visible: writes {@code CHECKSUMS}, renames the temporary directory to
   * {@code v000007}, then replaces {@code LATEST}.
   *
   * @throws IllegalStateException if a file's stream is still open or failed
   * @throws CheckpointException if the file system fails; the version then stays invisible
   *     unless the message says that only {@code LATEST} could not be updated
   */
  public void commit() {
    requireOpen();
    Manifest manifest = Manifest.of(closedEntries());
    files.writeString(new Path(tempDir, CheckpointNames.CHECKSUMS), manifest.format());
    files.renameNew(tempDir, roleDir.versionDir(version));
    state = State.COMMITTED;
    try {
      roleDir.pointLatestAt(version);
    } catch (CheckpointException e) {
      throw new CheckpointException(uri() + ": committed, but LATEST could not be updated: "
          + e.getMessage(), e);
    }
  }

  private List<ManifestEntry> closedEntries() {
    for (Map.Entry<String, ManifestEntry> e : written.entrySet()) {
      if (e.getValue() == null) {
        throw new IllegalStateException(tempDir + "/" + e.getKey()
            + ": stream still open or failed; close it successfully before commit()");
      }
    }
    return List.copyOf(written.values());
  }

  /** Aborts unless committed: closes any open stream and deletes the temporary directory. */
  @Override
  public void close() {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    streams.values().forEach(HashingOutputStream::abandon);
    files.delete(tempDir);
    LOG.log(System.Logger.Level.DEBUG, "aborted {0}: deleted {1}", uri(), tempDir);
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("writer for " + uri() + " is already "
          + state.name().toLowerCase(Locale.ROOT));
    }
  }
}
