package io.tether.reward.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.ScoredRollout;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reward service over TLS with a self-signed certificate made by the JDK's keytool. */
class TlsTest {
  @TempDir Path dir;

  private Path[] selfSigned() throws Exception {
    Path store = dir.resolve("ks.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "tether", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext",
        "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("tether").getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY",
        ks.getKey("tether", "changeit".toCharArray()).getEncoded()));
    return new Path[] {cert, key};
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Test
  void scoresOverTlsAndAPlainClientIsRefused() throws Exception {
    Path[] pem = selfSigned();
    RewardServer.Options o = new RewardServer.Options("127.0.0.1", 0, "t", pem[0].toFile(),
        pem[1].toFile(), 2, 30_000, 1 << 20);
    RewardServiceTest.model();
    try (RewardServer server = RewardServer.start(o, RewardServiceTest.scorer()::score, "tls")) {
      assertTrue(server.location().getUri().toString().startsWith("grpc+tls://127.0.0.1:"));
      try (RewardClient client = new RewardClient(TestMemory.CLIENTS, server.location(), "t", pem[0].toFile(), 0, 30,
          8)) {
        List<ScoredRollout> scored = client.score(RewardServiceTest.rollouts(5));
        assertEquals(5, scored.size());
      }
      var plain = org.apache.arrow.flight.Location.forGrpcInsecure("127.0.0.1",
          server.location().getUri().getPort());
      try (RewardClient client = new RewardClient(TestMemory.CLIENTS, plain, "t", null, 0, 5, 8)) {
        assertThrows(RewardServiceException.class, () -> client.score(
            RewardServiceTest.rollouts(2)));
      }
    } finally {
      RewardServiceTest.close();
    }
  }
}
