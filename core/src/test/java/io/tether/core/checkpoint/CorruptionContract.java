package io.tether.core.checkpoint;

import static io.tether.core.checkpoint.StoreFixture.randomBytes;
import static io.tether.core.checkpoint.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Damaged checkpoints are refused with a precise message; older good ones stay usable. */
interface CorruptionContract extends StoreFixture {

  /** The files of test version {@code v}: a.bin is 1200 bytes. */
  static Map<String, byte[]> filesOf(long v) {
    return Map.of("a.bin", randomBytes(1200, 10 + v), "b.bin", randomBytes(500, 20 + v),
        "c.json", utf8("{\"version\":" + v + "}"));
  }

  /** A store holding good versions 1 and 2 of {@code policy}; LATEST names 2. */
  default CheckpointStore twoVersions() {
    CheckpointStore store = newStore();
    commit(store, Role.POLICY, 1, filesOf(1));
    commit(store, Role.POLICY, 2, filesOf(2));
    return store;
  }

  /** {@code open(policy, 2)} fails with exactly {@code problem}; openLatestValid falls back to 1. */
  default void assertVersion2RefusedWith(CheckpointStore store, String problem) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> store.open(Role.POLICY, 2));
    assertTrue(e.getMessage().contains(problem), () -> "message: " + e.getMessage());
    ValidCheckpoint valid = store.openLatestValid(Role.POLICY);
    assertEquals(1, valid.checkpoint().version());
    assertArrayEquals(filesOf(1).get("a.bin"), valid.checkpoint().readBytes("a.bin"));
    assertEquals(1, valid.skipped().size());
    assertEquals(2, valid.skipped().get(0).version());
    assertTrue(valid.skipped().get(0).reason().contains(problem), valid.skipped().get(0).reason());
    String warning = "WARNING: skipping " + store.uri(Role.POLICY, 2) + ": ";
    assertTrue(CheckpointLogs.messages().stream().anyMatch(m -> m.startsWith(warning) && m.contains(problem)),
        () -> "logged: " + CheckpointLogs.messages());
  }

  @Test
  default void truncatedFileIsRefused() {
    CheckpointStore store = twoVersions();
    String file = store.uri(Role.POLICY, 2) + "/a.bin";
    overwrite(file, Arrays.copyOf(filesOf(2).get("a.bin"), 1000));
    assertVersion2RefusedWith(store, file + ": size 1000 expected 1200: truncated");
    assertThrows(CheckpointException.class, () -> store.openLatest(Role.POLICY));
  }

  @Test
  default void flippedByteIsRefusedWithBothHashes() {
    CheckpointStore store = twoVersions();
    String file = store.uri(Role.POLICY, 2) + "/b.bin";
    byte[] good = filesOf(2).get("b.bin");
    byte[] bad = good.clone();
    bad[250] ^= 0x01;
    overwrite(file, bad);
    assertVersion2RefusedWith(store, file + ": sha256 mismatch (expected " + Sha256.of(good)
        + ", got " + Sha256.of(bad) + ")");
  }

  @Test
  default void missingChecksumsMakesTheVersionIncomplete() {
    CheckpointStore store = twoVersions();
    String manifest = store.uri(Role.POLICY, 2) + "/CHECKSUMS";
    delete(manifest);
    assertVersion2RefusedWith(store, manifest + ": missing CHECKSUMS: incomplete checkpoint");
    assertEquals(List.of(1L), store.versions(Role.POLICY));
    assertEquals(OptionalLong.of(1), store.latest(Role.POLICY), "LATEST names an incomplete version");
    assertEquals(1, store.openLatest(Role.POLICY).version());
  }

  @Test
  default void missingFileIsRefused() {
    CheckpointStore store = twoVersions();
    String file = store.uri(Role.POLICY, 2) + "/c.json";
    delete(file);
    assertVersion2RefusedWith(store, file + ": missing");
  }

  @Test
  default void everyProblemIsListedInOneMessage() {
    CheckpointStore store = twoVersions();
    String dir = store.uri(Role.POLICY, 2);
    delete(dir + "/c.json");
    overwrite(dir + "/a.bin", new byte[1300]);
    CheckpointException e = assertThrows(CheckpointException.class, () -> store.open(Role.POLICY, 2));
    assertEquals("checkpoint " + dir + " failed verification: " + dir
        + "/a.bin: size 1300 expected 1200: longer than recorded; " + dir + "/c.json: missing", e.getMessage());
  }

  @Test
  default void noValidVersionAtAllListsEveryReason() {
    CheckpointStore store = twoVersions();
    delete(store.uri(Role.POLICY, 1) + "/a.bin");
    delete(store.uri(Role.POLICY, 2) + "/b.bin");
    CheckpointException e = assertThrows(CheckpointException.class, () -> store.openLatestValid(Role.POLICY));
    assertTrue(e.getMessage().contains("v000001/a.bin: missing"), e.getMessage());
    assertTrue(e.getMessage().contains("v000002/b.bin: missing"), e.getMessage());
  }

  @Test
  default void fileNotInManifestIsIgnored() {
    CheckpointStore store = twoVersions();
    overwrite(store.uri(Role.POLICY, 2) + "/stray.tmp", utf8("not part of the checkpoint"));
    Checkpoint cp = store.open(Role.POLICY, 2);
    assertEquals(Set.of("a.bin", "b.bin", "c.json"), cp.files());
    CheckpointException e = assertThrows(CheckpointException.class, () -> cp.readBytes("stray.tmp"));
    assertTrue(e.getMessage().startsWith(cp.uri() + ": no file 'stray.tmp'"), e.getMessage());
  }

  @Test
  default void latestFallsBackToScanningWhenPointerIsMissingOrWrong() {
    CheckpointStore store = twoVersions();
    String latest = store.root() + "/policy/LATEST";
    delete(latest);
    assertEquals(OptionalLong.of(2), store.latest(Role.POLICY));
    overwrite(latest, utf8("v000009\n"));
    assertEquals(OptionalLong.of(2), store.latest(Role.POLICY), "points at a missing version");
    overwrite(latest, utf8("garbage"));
    assertEquals(OptionalLong.of(2), store.latest(Role.POLICY), "unreadable content");
    assertTrue(CheckpointLogs.messages().contains("WARNING: " + latest + ": unreadable content 'garbage'; scanning instead"),
        () -> "logged: " + CheckpointLogs.messages());
    assertEquals(2, store.openLatest(Role.POLICY).version());
    overwrite(latest, utf8("v000001\n"));
    assertEquals(OptionalLong.of(1), store.latest(Role.POLICY), "a valid pointer is obeyed");
  }
}
