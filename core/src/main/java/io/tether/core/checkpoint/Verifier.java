package io.tether.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/** Loads a version's manifest and checks every file it lists: present, right size, right SHA-256. */
final class Verifier {
  private final HadoopFiles files;

  Verifier(HadoopFiles files) {
    this.files = files;
  }

  /** The verified checkpoint, or a {@link CheckpointException} listing every problem found. */
  Checkpoint load(RoleDir roleDir, long version) {
    Path dir = roleDir.versionDir(version);
    Manifest manifest = readManifest(dir);
    List<String> problems = new ArrayList<>();
    for (ManifestEntry e : manifest.entries().values()) {
      check(new Path(dir, e.name()), e).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new CheckpointException("checkpoint " + dir + " failed verification: "
          + String.join("; ", problems));
    }
    return new Checkpoint(files, roleDir.role(), version, dir, manifest);
  }

  private Manifest readManifest(Path dir) {
    Path path = new Path(dir, CheckpointNames.CHECKSUMS);
    Optional<String> text = files.readString(path);
    if (text.isPresent()) {
      return Manifest.parse(text.get(), path.toString());
    }
    if (files.status(dir).isEmpty()) {
      throw new CheckpointException(dir + ": no such checkpoint");
    }
    throw new CheckpointException(path + ": missing CHECKSUMS: incomplete checkpoint");
  }

  /** What is wrong with {@code file}, if anything. */
  private Optional<String> check(Path file, ManifestEntry expected) {
    Optional<FileStatus> st = files.status(file);
    if (st.isEmpty()) {
      return Optional.of(file + ": missing");
    }
    if (!st.get().isFile()) {
      return Optional.of(file + ": is a directory, expected a file");
    }
    long size = st.get().getLen();
    if (size != expected.size()) {
      String what = size < expected.size() ? "truncated" : "longer than recorded";
      return Optional.of(file + ": size " + size + " expected " + expected.size() + ": " + what);
    }
    return checkHash(file, expected);
  }

  private Optional<String> checkHash(Path file, ManifestEntry expected) {
    ManifestEntry actual;
    try (InputStream in = files.open(file)) {
      actual = Sha256.ofStream(expected.name(), in);
    } catch (IOException e) {
      return Optional.of(file + ": unreadable: " + CheckpointException.describe(e));
    }
    if (!actual.sha256().equals(expected.sha256())) {
      return Optional.of(file + ": sha256 mismatch (expected " + expected.sha256()
          + ", got " + actual.sha256() + ")");
    }
    if (actual.size() != expected.size()) {
      return Optional.of(file + ": read " + actual.size() + " bytes, expected " + expected.size());
    }
    return Optional.empty();
  }
}
