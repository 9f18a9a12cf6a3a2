package io.tether.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. */
final class Sha256 {
  private static final int BUFFER = 64 * 1024;

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  static String of(byte[] data) {
    MessageDigest d = newDigest();
    d.update(data);
    return hex(d);
  }

  /** Reads {@code in} to its end; returns the hash and the number of bytes read. */
  static ManifestEntry ofStream(String name, InputStream in) throws IOException {
    MessageDigest d = newDigest();
    byte[] buf = new byte[BUFFER];
    long size = 0;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      d.update(buf, 0, n);
      size += n;
    }
    return new ManifestEntry(name, size, hex(d));
  }
}
