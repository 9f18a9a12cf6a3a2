package io.tether.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contracts on the local file system (file://), plus local-only cases. */
class LocalCheckpointStoreTest implements WriteReadContract, CorruptionContract, LifecycleContract {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path tmp;

  @Override
  public Configuration conf() {
    return CONF;
  }

  @Override
  public String newRunDir() {
    return tmp.resolve("run-" + UUID.randomUUID()).toUri().toString();
  }

  @Override
  public FileSystem fs() {
    try {
      return FileSystem.getLocal(CONF);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void readOnlyRunDirectoryIsNamedAtBegin() throws IOException {
    Path run = Files.createDirectory(tmp.resolve("read-only-run"));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Assumptions.assumeFalse(Files.isWritable(run), "permissions are not enforced (running as root)");
      CheckpointStore store = new CheckpointStore(CONF, run.toString());
      CheckpointException e = assertThrows(CheckpointException.class, () -> store.begin(Role.POLICY, 1));
      assertTrue(e.getMessage().contains("file:" + run), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void relativeRunDirectoryResolvesAgainstTheWorkingDirectory() {
    CheckpointStore store = new CheckpointStore(CONF, "target/some-run");
    String cwd = Path.of("").toAbsolutePath().toString();
    assertEquals("file:" + cwd + "/target/some-run/checkpoints", store.root());
  }

  @Test
  void plainPathAndFileUriNameTheSameStore() {
    Path run = tmp.resolve("same");
    CheckpointStore byPath = new CheckpointStore(CONF, run.toString());
    commitSmall(byPath, Role.POLICY, 1);
    CheckpointStore byUri = new CheckpointStore(CONF, run.toUri().toString());
    assertEquals(byPath.root(), byUri.root());
    assertEquals("version 1", byUri.openLatest(Role.POLICY).readString("state.txt"));
  }

  @Test
  void byteFlippedBehindHadoopsBackIsRefused() throws IOException {
    CheckpointStore store = newStore();
    commit(store, Role.POLICY, 1, java.util.Map.of("w.bin", StoreFixture.randomBytes(4096, 3)));
    Path file = Path.of(java.net.URI.create(store.uri(Role.POLICY, 1) + "/w.bin"));
    byte[] bytes = Files.readAllBytes(file);
    bytes[100] ^= 0x40;
    Files.write(file, bytes); // the local file system's .crc side file now disagrees too
    CheckpointException e = assertThrows(CheckpointException.class, () -> store.open(Role.POLICY, 1));
    assertTrue(e.getMessage().contains(store.uri(Role.POLICY, 1) + "/w.bin: unreadable: ChecksumException"), e.getMessage());
  }
}
