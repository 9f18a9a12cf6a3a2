package io.tether.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashingOutputStreamTest {
  private final List<ManifestEntry> reported = new ArrayList<>();

  @Test
  void reportsSizeAndHashOfEverythingWrittenOnClose() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    byte[] data = StoreFixture.randomBytes(10_000, 5);
    try (HashingOutputStream out = new HashingOutputStream(sink, "w.bin", "mem:/w.bin", reported::add)) {
      out.write(data[0]);
      out.write(data, 1, data.length - 1);
      assertTrue(reported.isEmpty(), "nothing reported before close");
    }
    assertArrayEquals(data, sink.toByteArray());
    assertEquals(List.of(new ManifestEntry("w.bin", 10_000, Sha256.of(data))), reported);
  }

  @Test
  void failedWriteNamesTheFileAndIsNeverReported() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    HashingOutputStream out = new HashingOutputStream(full, "w.bin", "file:/run/w.bin", reported::add);
    CheckpointException e = assertThrows(CheckpointException.class, () -> out.write(new byte[3], 0, 3));
    assertEquals("file:/run/w.bin: write failed: IOException: No space left on device"
        + " (file system full or quota exceeded)", e.getMessage());
    out.close();
    assertTrue(reported.isEmpty(), "a partly written file must not enter the manifest");
    assertThrows(IllegalStateException.class, () -> out.write(1));
  }
}
