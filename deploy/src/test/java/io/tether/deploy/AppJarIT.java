package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one application jar on its own: Spark, DJL with its natives, Arrow Flight and Hadoop load
 * and work together in one JVM from it (no conflicting Arrow, Netty or protobuf copies), and the
 * checks fail when the JVM is started without the flags.
 */
class AppJarIT {
  @TempDir Path dir;

  @Test
  void sparkDjlFlightAndHadoopWorkTogetherFromTheApplicationJar() throws Exception {
    Path log = dir.resolve("doctor.log");
    int rc = AppJar.run(AppJar.java(List.of("-Xmx1g"), "io.tether.deploy.Tether",
        List.of("doctor")), log, System.out::println);
    String out = Files.readString(log);
    assertEquals(0, rc, out);
    for (String check : List.of("jvm", "djl", "spark", "flight", "hadoop")) {
      assertTrue(out.lines().anyMatch(l -> l.matches("ok +" + check + " .*")), check + ":\n" + out);
    }
    assertTrue(out.contains("hdfs"), "hdfs:// is readable from the jar:\n" + out);
    assertTrue(out.contains("equal to local scores"), out);
  }

  @Test
  void theJarNamesItsMainClassAndCarriesTheNativesAndOneCopyOfEachService() throws Exception {
    try (ZipFile z = new ZipFile(AppJar.path().toFile())) {
      String manifest = new String(z.getInputStream(z.getEntry("META-INF/MANIFEST.MF"))
          .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(manifest.contains("Main-Class: " + Tether.class.getName()), manifest);
      assertTrue(z.stream().anyMatch(e -> e.getName().matches("pytorch/cpu.*/libtorch.*\\.so")
          || e.getName().matches("native/lib/.*torch.*")), "PyTorch natives in the jar");
      String fs = new String(z.getInputStream(z.getEntry(
          "META-INF/services/org.apache.hadoop.fs.FileSystem")).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(fs.contains("DistributedFileSystem"), "merged Hadoop FileSystem services: " + fs);
      assertTrue(z.getEntry("org/apache/arrow/flight/FlightServer.class") != null);
      assertTrue(z.getEntry("org/apache/spark/SparkContext.class") != null);
    }
  }

  @Test
  void withoutTheJvmFlagsTheDoctorFailsAndSaysWhy() throws Exception {
    Path log = dir.resolve("bare.log");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", AppJar.path().toString(), "doctor");
    int rc = AppJar.run(cmd, log, s -> { });
    String out = Files.readString(log);
    assertEquals(1, rc, out);
    assertTrue(out.lines().anyMatch(l -> l.matches("FAIL +jvm .*--add-opens.*")), out);
  }
}
