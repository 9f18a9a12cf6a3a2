package io.tether.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default task's fetcher against a registry on 127.0.0.1 serving a tarball in npm's layout
 * ({@code package/...}): unpacked with its marker when the digest is the pinned one, refused
 * with nothing left behind when it is not, fetched once.
 */
class DefaultTaskDownloadTest {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private byte[] tarball;

  @BeforeEach
  void serve() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/package/data"));
    Files.writeString(src.resolve("a.json"), "{\"text\": \"Call me Ishmael.\"}");
    Process tar = new ProcessBuilder("tar", "czf", dir.resolve("p.tgz").toString(), "-C",
        dir.resolve("src").toString(), "package").inheritIO().start();
    assertEquals(0, tar.waitFor());
    tarball = Files.readAllBytes(dir.resolve("p.tgz"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      boolean known = ex.getRequestURI().getPath().equals("/@scope/p/-/p-1.0.0.tgz");
      ex.sendResponseHeaders(known ? 200 : 404, known ? tarball.length : -1);
      try (OutputStream out = ex.getResponseBody()) {
        if (known) {
          out.write(tarball);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI registry() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Test
  void aTarballWithThePinnedDigestIsUnpackedOnceWithItsMarker() throws Exception {
    String digest = DefaultTaskDownload.sha512(dir.resolve("p.tgz"));
    var pkg = new DefaultTaskDownload.Package("p-1.0.0", "@scope/p/-/p-1.0.0.tgz", digest);
    Path npm = dir.resolve("cache/npm");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    DefaultTaskDownload.ensure(npm, registry(), List.of(pkg), new PrintStream(log, true));
    assertEquals("{\"text\": \"Call me Ishmael.\"}",
        Files.readString(npm.resolve("p-1.0.0/data/a.json")));
    assertTrue(Files.isRegularFile(npm.resolve("p-1.0.0/.complete")));
    assertTrue(log.toString().contains("fetching " + registry() + "@scope/p/-/p-1.0.0.tgz"));
    DefaultTaskDownload.ensure(npm, registry(), List.of(pkg), new PrintStream(log, true));
    assertEquals(1, requests.get(), "a complete package is not fetched again");
    try (var left = Files.list(npm)) {
      assertEquals(List.of(".lock", "p-1.0.0"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void anotherDigestOrAMissingTarballIsAnErrorNamingTheUrlAndLeavesNothing() throws Exception {
    Path npm = dir.resolve("cache/npm");
    var wrong = new DefaultTaskDownload.Package("p-1.0.0", "@scope/p/-/p-1.0.0.tgz", "AAAA");
    DataFormatException e = assertThrows(DataFormatException.class, () -> DefaultTaskDownload
        .ensure(npm, registry(), List.of(wrong), new PrintStream(OutputStream.nullOutputStream())));
    assertTrue(e.getMessage().startsWith(registry() + "@scope/p/-/p-1.0.0.tgz: SHA-512 "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(" is not the pinned AAAA"), e.getMessage());
    assertFalse(Files.exists(npm.resolve("p-1.0.0")));
    var missing = new DefaultTaskDownload.Package("q", "q/-/q-1.tgz", "AAAA");
    e = assertThrows(DataFormatException.class, () -> DefaultTaskDownload.ensure(npm, registry(),
        List.of(missing), new PrintStream(OutputStream.nullOutputStream())));
    assertEquals(registry() + "q/-/q-1.tgz: HTTP 404", e.getMessage());
    try (var left = Files.list(npm)) {
      assertEquals(List.of(".lock"), left.map(p -> p.getFileName().toString()).toList());
    }
  }
}
