package io.tether.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CheckpointNamesTest {

  @Test
  void versionDirectoriesArePaddedToSixDigits() {
    assertEquals("v000000", CheckpointNames.versionDir(0));
    assertEquals("v000007", CheckpointNames.versionDir(7));
    assertEquals("v123456", CheckpointNames.versionDir(123_456));
    assertEquals("v1234567", CheckpointNames.versionDir(1_234_567));
    assertThrows(IllegalArgumentException.class, () -> CheckpointNames.versionDir(-1));
  }

  @Test
  void onlyCanonicalVersionNamesParse() {
    assertEquals(OptionalLong.of(7), CheckpointNames.parseVersionDir("v000007"));
    assertEquals(OptionalLong.of(1_234_567), CheckpointNames.parseVersionDir("v1234567"));
    assertEquals(OptionalLong.empty(), CheckpointNames.parseVersionDir("v7"));
    assertEquals(OptionalLong.empty(), CheckpointNames.parseVersionDir("v0000007"), "not canonical");
    assertEquals(OptionalLong.empty(), CheckpointNames.parseVersionDir("v000007 "));
    assertEquals(OptionalLong.empty(), CheckpointNames.parseVersionDir("V000007"));
    assertEquals(OptionalLong.empty(), CheckpointNames.parseVersionDir("v99999999999999999999"));
  }

  @Test
  void temporaryDirectoriesCarryTheirVersion() {
    String name = CheckpointNames.tempDir(42, "3f2a-bc");
    assertEquals(".v000042.tmp-3f2a-bc", name);
    assertEquals(OptionalLong.of(42), CheckpointNames.parseTempDir(name));
    assertEquals(OptionalLong.empty(), CheckpointNames.parseTempDir("v000042"));
    assertEquals(OptionalLong.empty(), CheckpointNames.parseTempDir(".v42.tmp-x"));
  }

  @Test
  void fileNameErrorsSayWhatIsWrong() {
    assertEquals("file name 'a/b' must not contain a path separator",
        assertThrows(IllegalArgumentException.class, () -> CheckpointNames.requireFileName("a/b")).getMessage());
    assertEquals("file name 'CHECKSUMS' is reserved by the checkpoint store",
        assertThrows(IllegalArgumentException.class, () -> CheckpointNames.requireFileName("CHECKSUMS")).getMessage());
    assertEquals("file name must not be empty",
        assertThrows(IllegalArgumentException.class, () -> CheckpointNames.requireFileName("")).getMessage());
    assertEquals("model.params", CheckpointNames.requireFileName("model.params"));
    assertEquals("kl_ctl-state.v2.json", CheckpointNames.requireFileName("kl_ctl-state.v2.json"));
    assertThrows(IllegalArgumentException.class, () -> CheckpointNames.requireFileName("x".repeat(256)));
    assertThrows(IllegalArgumentException.class, () -> CheckpointNames.requireRole("LATEST/x"));
  }
}
