package io.tether.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.hadoop.fs.Path;

/**
 * A complete, verified checkpoint version: {@code <run>/checkpoints/<role>/v000007/}. Obtained from
 * {@link CheckpointStore#open}, which has already checked every file of the manifest (existence,
 * size, SHA-256). Only the files named in {@code CHECKSUMS} belong to the checkpoint; anything
 * else found in the directory is ignored.
 */
public final class Checkpoint {
  private final HadoopFiles files;
  private final String role;
  private final long version;
  private final Path dir;
  private final Manifest manifest;

  Checkpoint(HadoopFiles files, String role, long version, Path dir, Manifest manifest) {
    this.files = files;
    this.role = role;
    this.version = version;
    this.dir = dir;
    this.manifest = manifest;
  }

  /** E.g. {@code policy}. */
  public String role() {
    return role;
  }

  public long version() {
    return version;
  }

  /** The version directory's full URI, e.g. {@code hdfs://nn:8020/run/checkpoints/policy/v000007}. */
  public String uri() {
    return dir.toString();
  }

  /** The names in the manifest, sorted. */
  public Set<String> files() {
    return manifest.entries().keySet();
  }

  /** The recorded size in bytes of {@code name}. */
  public long size(String name) {
    return entry(name).size();
  }

  /** The recorded SHA-256 (hex) of {@code name}. */
  public String sha256(String name) {
    return entry(name).sha256();
  }

  /** A stream over {@code name}; the caller closes it. */
  public InputStream open(String name) {
    entry(name);
    return files.open(new Path(dir, name));
  }

  /** The whole content of {@code name}. */
  public byte[] readBytes(String name) {
    long size = entry(name).size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new CheckpointException(
          uri() + "/" + name + ": " + size + " bytes is too large for an array; use open()");
    }
    try (InputStream in = open(name)) {
      byte[] data = in.readAllBytes();
      if (data.length != size) {
        throw new CheckpointException(uri() + "/" + name + ": read " + data.length
            + " bytes, expected " + size + ": changed since verification");
      }
      return data;
    } catch (IOException e) {
      throw CheckpointException.io(uri() + "/" + name, "read", e);
    }
  }

  /** The content of {@code name} decoded as UTF-8. */
  public String readString(String name) {
    return new String(readBytes(name), StandardCharsets.UTF_8);
  }

  private ManifestEntry entry(String name) {
    return manifest.entry(name).orElseThrow(() -> new CheckpointException(
        uri() + ": no file '" + name + "' in this checkpoint (it has " + files() + ")"));
  }

  @Override
  public String toString() {
    return "Checkpoint[" + uri() + ", files=" + files() + "]";
  }
}
