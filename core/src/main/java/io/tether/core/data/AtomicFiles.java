package io.tether.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Local files replaced atomically: written to a temporary sibling, then renamed over. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code text} as UTF-8, creating the parent directory; a reader never sees half. */
  public static void writeString(Path file, CharSequence text) {
    writeBytes(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes}, creating the parent directory; a reader never sees half. */
  public static void writeBytes(Path file, byte[] bytes) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
