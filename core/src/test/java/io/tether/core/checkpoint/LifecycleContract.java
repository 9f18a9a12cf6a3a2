package io.tether.core.checkpoint;

import static io.tether.core.checkpoint.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Crashed writers, pruning, and refusals at begin(). */
interface LifecycleContract extends StoreFixture {

  @Test
  default void crashedWriterIsInvisibleAndCleanedByTheNextBeginOfItsVersion() {
    CheckpointStore store = newStore();
    commitSmall(store, Role.POLICY, 1);
    String roleDir = store.root() + "/policy";
    overwrite(roleDir + "/.v000002.tmp-crashed/model.params", new byte[64]);
    overwrite(roleDir + "/v000003/model.params", new byte[64]); // as a non-atomic rename might leave
    assertEquals(List.of(1L), store.versions(Role.POLICY));
    assertEquals(OptionalLong.of(1), store.latest(Role.POLICY));
    assertEquals(1, store.openLatest(Role.POLICY).version());

    commitSmall(store, Role.POLICY, 2);
    assertFalse(exists(roleDir + "/.v000002.tmp-crashed"));
    assertEquals(List.of("LATEST", "v000001", "v000002", "v000003"), list(roleDir));
    assertEquals(List.of(1L, 2L), store.versions(Role.POLICY));
  }

  @Test
  default void pruneKeepsNewestAndTheOneLatestNames() {
    CheckpointStore store = newStore();
    for (long v = 1; v <= 5; v++) {
      commitSmall(store, Role.POLICY, v);
    }
    overwrite(store.root() + "/policy/LATEST", utf8("v000002\n"));
    assertEquals(List.of(1L, 3L), store.prune(Role.POLICY, 2));
    assertEquals(List.of(2L, 4L, 5L), store.versions(Role.POLICY));
    assertEquals("version 2", store.openLatest(Role.POLICY).readString("state.txt"));
    assertEquals(List.of(), store.prune(Role.POLICY, 2), "nothing more to delete");
    assertThrows(IllegalArgumentException.class, () -> store.prune(Role.POLICY, 0));
  }

  @Test
  default void pruneRemovesStaleLeftoversButNotANewerWriterAtWork() {
    CheckpointStore store = newStore();
    commitSmall(store, Role.POLICY, 1);
    commitSmall(store, Role.POLICY, 2);
    String roleDir = store.root() + "/policy";
    overwrite(roleDir + "/.v000001.tmp-old/x", new byte[1]);
    overwrite(roleDir + "/v000000/x", new byte[1]); // incomplete, older than the newest
    try (CheckpointWriter atWork = store.begin(Role.POLICY, 3)) {
      assertEquals(List.of(1L), store.prune(Role.POLICY, 1));
      List<String> left = list(roleDir);
      assertEquals(List.of("LATEST", "v000002"), left.stream().filter(n -> !n.startsWith(".v000003")).toList());
      assertEquals(1, left.stream().filter(n -> n.startsWith(".v000003.tmp-")).count());
      atWork.putString("state.txt", "version 3");
      atWork.commit();
    }
    assertEquals(List.of(2L, 3L), store.versions(Role.POLICY));
  }

  @Test
  default void discardAfterRemovesWhatIsAheadOfTheResumePointSoItCanBeWrittenAgain() {
    CheckpointStore store = newStore();
    for (long v = 0; v <= 3; v++) {
      commitSmall(store, Role.CRITIC, v);
    }
    overwrite(store.root() + "/critic/.v000004.tmp-old/x", new byte[1]);
    assertEquals(List.of(2L, 3L), store.discardAfter(Role.CRITIC, 1));
    assertEquals(List.of(0L, 1L), store.versions(Role.CRITIC));
    assertEquals("version 1", store.openLatest(Role.CRITIC).readString("state.txt"));
    assertEquals(List.of("LATEST", "v000000", "v000001"), list(store.root() + "/critic"));
    commitSmall(store, Role.CRITIC, 2); // the resumed run writes version 2 again
    assertEquals(List.of(0L, 1L, 2L), store.discardAfter(Role.CRITIC, -1));
    assertEquals(List.of(), store.versions(Role.CRITIC));
  }

  @Test
  default void beginOnAnExistingCompleteVersionIsRefused() {
    CheckpointStore store = newStore();
    commitSmall(store, Role.POLICY, 5);
    CheckpointException e = assertThrows(CheckpointException.class, () -> store.begin(Role.POLICY, 5));
    assertEquals(store.uri(Role.POLICY, 5) + ": checkpoint already exists; choose a new version (existing: [5])",
        e.getMessage());
    assertEquals("version 5", store.open(Role.POLICY, 5).readString("state.txt"), "left untouched");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "../x", ".hidden", "with space", "new\nline", "CHECKSUMS", "LATEST"})
  default void invalidFileNamesAreRejected(String name) {
    CheckpointStore store = newStore();
    try (CheckpointWriter w = store.begin(Role.POLICY, 1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.putString(name, "x"));
      assertTrue(e.getMessage().contains("file name"), e.getMessage());
    }
    assertEquals(List.of(), store.versions(Role.POLICY));
  }

  @Test
  default void duplicateNamesRolesAndVersionsAreRejected() {
    CheckpointStore store = newStore();
    try (CheckpointWriter w = store.begin(Role.POLICY, 1)) {
      w.putString("a.txt", "first");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.putString("a.txt", "again"));
      assertEquals("file 'a.txt' was already written to " + store.uri(Role.POLICY, 1), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> store.begin(Role.POLICY, -1));
  }

  @Test
  default void fileInTheWayOfTheCheckpointsDirectoryIsNamed() {
    CheckpointStore store = newStore();
    overwrite(store.root(), utf8("a file where a directory should be"));
    CheckpointException e = assertThrows(CheckpointException.class, () -> store.begin(Role.POLICY, 1));
    assertTrue(e.getMessage().startsWith(store.root() + "/policy: cannot create directory"), e.getMessage());
    assertTrue(e.getMessage().contains(store.root() + " is a file, not a directory"), e.getMessage());
  }
}
