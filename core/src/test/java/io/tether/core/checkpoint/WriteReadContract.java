package io.tether.core.checkpoint;

import static io.tether.core.checkpoint.StoreFixture.randomBytes;
import static io.tether.core.checkpoint.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Writing, committing and reading back; LATEST and versions(). */
interface WriteReadContract extends StoreFixture {

  @Test
  default void roundTripOfSeveralFilesIncludingFiveMegabytes() throws Exception {
    CheckpointStore store = newStore();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("model.params", randomBytes(5 * 1024 * 1024 + 17, 1));
    files.put("model.json", utf8("{\"preset\":\"tiny\",\"layers\":2}"));
    files.put("rng.bin", new byte[0]);
    commit(store, Role.POLICY, 7, files);

    Checkpoint cp = store.openLatest(Role.POLICY);
    assertEquals(7, cp.version());
    assertEquals("policy", cp.role());
    assertEquals(store.root() + "/policy/v000007", cp.uri());
    assertEquals(Set.of("model.params", "model.json", "rng.bin"), cp.files());
    assertArrayEquals(files.get("model.params"), cp.readBytes("model.params"));
    assertEquals("{\"preset\":\"tiny\",\"layers\":2}", cp.readString("model.json"));
    assertEquals(0, cp.readBytes("rng.bin").length);
    assertEquals(5 * 1024 * 1024 + 17, cp.size("model.params"));
    assertEquals(Sha256.of(files.get("model.params")), cp.sha256("model.params"));
    try (InputStream in = cp.open("model.params")) {
      in.skipNBytes(12345);
      assertEquals(files.get("model.params")[12345] & 0xff, in.read());
    }
  }

  @Test
  default void manifestAndLatestHaveTheDocumentedFormat() {
    CheckpointStore store = newStore();
    commit(store, Role.CRITIC, 3, Map.of("b.bin", utf8("bee"), "a.txt", utf8("ay")));
    String dir = store.uri(Role.CRITIC, 3);
    String expected = Sha256.of(utf8("ay")) + " 2 a.txt\n" + Sha256.of(utf8("bee")) + " 3 b.bin\n";
    assertEquals(expected, readText(dir + "/CHECKSUMS"));
    assertEquals("v000003\n", readText(store.root() + "/critic/LATEST"));
    assertEquals(List.of("LATEST", "v000003"), list(store.root() + "/critic"));
  }

  @Test
  default void streamedFileGetsTheSameChecksumAsTheWholeContent() throws Exception {
    CheckpointStore store = newStore();
    byte[] data = randomBytes(300_000, 2);
    try (CheckpointWriter w = store.begin(Role.POLICY, 1)) {
      try (OutputStream out = w.create("optimizer.bin")) {
        for (int off = 0; off < data.length; off += 7001) {
          out.write(data, off, Math.min(7001, data.length - off));
        }
        out.write(42);
      }
      w.commit();
    }
    byte[] all = Arrays.copyOf(data, data.length + 1);
    all[data.length] = 42;
    Checkpoint cp = store.open(Role.POLICY, 1);
    assertEquals(Sha256.of(all), cp.sha256("optimizer.bin"));
    assertArrayEquals(all, cp.readBytes("optimizer.bin"));
  }

  @Test
  default void secondCommitMovesLatestAndVersionsAreNumericallyAscending() {
    CheckpointStore store = newStore();
    commitSmall(store, Role.POLICY, 1_000_000);
    assertEquals(OptionalLong.of(1_000_000), store.latest(Role.POLICY));
    commitSmall(store, Role.POLICY, 999_999);
    commitSmall(store, Role.POLICY, 2);
    assertEquals(OptionalLong.of(2), store.latest(Role.POLICY), "LATEST names the last commit");
    assertEquals(List.of(2L, 999_999L, 1_000_000L), store.versions(Role.POLICY));
    assertEquals("version 999999", store.open(Role.POLICY, 999_999).readString("state.txt"));
    assertEquals(store.root() + "/policy/v1000000", store.uri(Role.POLICY, 1_000_000));
    assertEquals(List.of(), CheckpointLogs.messages(), "LATEST was read, no fallback scan");
  }

  @Test
  default void rolesAreIndependent() {
    CheckpointStore store = newStore();
    commitSmall(store, Role.POLICY, 4);
    commitSmall(store, Role.CRITIC, 9);
    assertEquals(OptionalLong.of(4), store.latest(Role.POLICY));
    assertEquals(OptionalLong.of(9), store.latest(Role.CRITIC));
    assertEquals(OptionalLong.empty(), store.latest(Role.REWARD));
    assertEquals(List.of(), store.versions(Role.REWARD));
    CheckpointException e = assertThrows(CheckpointException.class, () -> store.openLatest(Role.REWARD));
    assertEquals(store.root() + "/reward: no complete checkpoint for role 'reward'", e.getMessage());
  }

  @Test
  default void plainRenameFallbackAlsoCommitsAndMovesLatest() {
    CheckpointStore store = new CheckpointStore(conf(), newRunDir(), false);
    commitSmall(store, Role.POLICY, 1);
    commitSmall(store, Role.POLICY, 2);
    assertEquals(OptionalLong.of(2), store.latest(Role.POLICY));
    assertEquals("v000002\n", readText(store.root() + "/policy/LATEST"));
    assertEquals(List.of("LATEST", "v000001", "v000002"), list(store.root() + "/policy"));
  }

  @Test
  default void abortedWriterLeavesNoVersionAndLatestUnchanged() throws Exception {
    CheckpointStore store = newStore();
    commitSmall(store, Role.POLICY, 1);
    try (CheckpointWriter w = store.begin(Role.POLICY, 2)) {
      w.putString("model.json", "{}");
      w.create("model.params").write(new byte[100]); // left open on purpose
    }
    assertEquals(List.of(1L), store.versions(Role.POLICY));
    assertEquals(OptionalLong.of(1), store.latest(Role.POLICY));
    assertEquals(List.of("LATEST", "v000001"), list(store.root() + "/policy"));
  }

  @Test
  default void writerRefusesCommitWithOpenStreamAndUseAfterCommit() throws Exception {
    CheckpointStore store = newStore();
    try (CheckpointWriter w = store.begin(Role.POLICY, 1)) {
      OutputStream open = w.create("a.bin");
      IllegalStateException e = assertThrows(IllegalStateException.class, w::commit);
      assertTrue(e.getMessage().contains("a.bin: stream still open"), e.getMessage());
      open.close();
      w.commit();
      assertThrows(IllegalStateException.class, () -> w.putString("b.txt", "late"));
      assertThrows(IllegalStateException.class, w::commit);
    }
    assertEquals(Set.of("a.bin"), store.open(Role.POLICY, 1).files());
  }
}
