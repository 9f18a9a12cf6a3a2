package io.tether.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private static final String HASH_A = "a".repeat(64);
  private static final String HASH_B = "0123456789abcdef".repeat(4);

  @Test
  void formatsSortedLinesAndParsesThemBack() {
    Manifest m = Manifest.of(List.of(new ManifestEntry("z.bin", 1200, HASH_A), new ManifestEntry("a.json", 0, HASH_B)));
    String text = m.format();
    assertEquals(HASH_B + " 0 a.json\n" + HASH_A + " 1200 z.bin\n", text);
    assertEquals(m, Manifest.parse(text, "x"));
    assertEquals(1200, Manifest.parse(text, "x").entry("z.bin").orElseThrow().size());
  }

  @Test
  void emptyManifestIsEmptyText() {
    assertEquals("", Manifest.of(List.of()).format());
    assertTrue(Manifest.parse("", "x").entries().isEmpty());
  }

  @Test
  void malformedLinesNameTheFileAndLine() {
    String uri = "hdfs://nn/run/checkpoints/policy/v000001/CHECKSUMS";
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> Manifest.parse(HASH_A + " 5 ok.bin\n" + HASH_A + " five bad.bin\n", uri));
    assertTrue(e.getMessage().startsWith(uri + ": malformed line 2 '"), e.getMessage());
    assertThrows(CheckpointException.class, () -> Manifest.parse("ABC 5 x\n", uri), "hash not hex");
    assertThrows(CheckpointException.class, () -> Manifest.parse(HASH_A + " -1 x\n", uri), "negative size");
    assertThrows(CheckpointException.class, () -> Manifest.parse(HASH_A + " 1 a b\n", uri), "space in name");
    assertThrows(CheckpointException.class, () -> Manifest.parse(HASH_A + " 1 LATEST\n", uri), "reserved name");
  }

  @Test
  void duplicateNamesAreRejected() {
    String line = HASH_A + " 1 x\n";
    CheckpointException e = assertThrows(CheckpointException.class, () -> Manifest.parse(line + line, "u"));
    assertEquals("u: line 2: duplicate file x", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Manifest.of(List.of(new ManifestEntry("x", 1, HASH_A), new ManifestEntry("x", 2, HASH_B))));
  }
}
