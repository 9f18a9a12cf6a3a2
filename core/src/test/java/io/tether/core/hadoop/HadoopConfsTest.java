package io.tether.core.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopConfsTest {
  @TempDir Path dir;

  private Path site(String name, String key, String value) throws IOException {
    Path f = dir.resolve("conf").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "<?xml version=\"1.0\"?>\n<configuration><property><name>" + key
        + "</name><value>" + value + "</value></property></configuration>\n");
    return f;
  }

  @Test
  void sparkHadoopSettingsWinOverHadoopConfDirWhichWinsOverDefaults() throws Exception {
    site("core-site.xml", "fs.trash.interval", "7");
    site("hdfs-site.xml", "dfs.nameservices", "ha-cluster");
    site("yarn-site.xml", "tether.test.yarn", "rm");
    Configuration defaults = new Configuration();
    assertEquals("0", defaults.get("fs.trash.interval"));

    Configuration c = HadoopConfs.of(dir.resolve("conf").toString(), Map.of());
    assertEquals("7", c.get("fs.trash.interval"));
    assertEquals("ha-cluster", c.get("dfs.nameservices"));
    assertNull(c.get("tether.test.yarn"), "only the file-system site files");

    Configuration s = HadoopConfs.of(dir.resolve("conf").toString(),
        HadoopConfs.sparkHadoop(Map.of("spark.hadoop.fs.trash.interval", "9",
            "spark.executor.memory", "2g", "spark.hadoop.", "x")));
    assertEquals("9", s.get("fs.trash.interval"));
    assertEquals("ha-cluster", s.get("dfs.nameservices"));
    assertNull(s.get("spark.executor.memory"));
    assertNull(s.get("executor.memory"));
  }

  @Test
  void aCommandOutsideARunTakesSparkSubmitsSparkHadoopSystemProperties() {
    System.setProperty("spark.hadoop.tether.test.submitted", "yes");
    try {
      assertEquals("yes", HadoopConfs.forProcess().get("tether.test.submitted"));
    } finally {
      System.clearProperty("spark.hadoop.tether.test.submitted");
    }
    assertNull(HadoopConfs.forProcess().get("tether.test.submitted"));
  }

  @Test
  void aMissingConfDirOrABrokenSiteFileIsOneLineNamingIt() throws Exception {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> HadoopConfs.of(dir.resolve("nope").toString(), Map.of()));
    assertEquals("HADOOP_CONF_DIR=" + dir.resolve("nope") + ": not a directory",
        missing.getMessage());

    Path broken = site("core-site.xml", "a", "b");
    Files.writeString(broken, "<configuration><property>");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> HadoopConfs.of(dir.resolve("conf").toString(), Map.of()));
    assertTrue(bad.getMessage().startsWith(broken + ": not a Hadoop configuration file: "),
        bad.getMessage());
    assertEquals(1, bad.getMessage().lines().count(), bad.getMessage());

    assertEquals(new Configuration().get("fs.defaultFS"),
        HadoopConfs.of(null, Map.of()).get("fs.defaultFS"));
    assertEquals(new Configuration().get("fs.defaultFS"),
        HadoopConfs.of(" ", Map.of()).get("fs.defaultFS"));
  }

  @Test
  void aStoreOnASchemeRegisteredOnlyBySparkHadoopSettingsWritesAndReadsThroughIt() throws Exception {
    Path marks = dir.resolve("marks");
    Configuration c = HadoopConfs.of(null,
        HadoopConfs.sparkHadoop(MarkingFileSystem.sparkSettings(marks)));
    String run = MarkingFileSystem.uri(dir.resolve("run"));
    assertThrows(RuntimeException.class, () -> new CheckpointStore(new Configuration(), run),
        "Hadoop's defaults alone do not know the scheme");

    CheckpointStore store = new CheckpointStore(c, run);
    assertTrue(store.root().startsWith("tetherfs:/"), store.root());
    try (CheckpointWriter w = store.begin(Role.POLICY, 3)) {
      w.putString("weights.bin", "abc");
      w.commit();
    }
    assertEquals(List.of(3L), store.versions(Role.POLICY));
    Checkpoint cp = store.open(Role.POLICY, 3);
    assertEquals("abc", cp.readString("weights.bin"));
    assertTrue(Files.isRegularFile(dir.resolve("run/checkpoints/policy/v000003/weights.bin")));
    long pid = ProcessHandle.current().pid();
    List<MarkingFileSystem.Mark> m = MarkingFileSystem.marks(marks);
    assertTrue(m.stream().anyMatch(k -> k.op().equals("create") && k.pid() == pid
        && k.path().startsWith(store.root() + "/policy/.v000003.tmp-")
        && k.path().endsWith("/weights.bin")), m.toString());
    assertTrue(m.stream().anyMatch(k -> k.op().equals("open") && k.pid() == pid
        && k.path().equals(store.uri(Role.POLICY, 3) + "/weights.bin")), m.toString());
  }
}
