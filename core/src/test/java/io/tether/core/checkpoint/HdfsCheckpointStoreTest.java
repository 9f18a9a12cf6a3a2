package io.tether.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contracts on a real HDFS (MiniDFSCluster, one datanode, on 127.0.0.1), plus HDFS-only cases. */
class HdfsCheckpointStoreTest implements WriteReadContract, CorruptionContract, LifecycleContract {
  private static MiniHdfs hdfs;

  @BeforeAll
  static void startHdfs() throws IOException {
    hdfs = MiniHdfs.start();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Override
  public Configuration conf() {
    return hdfs.conf();
  }

  @Override
  public String newRunDir() {
    return hdfs.uri() + "/runs/run-" + UUID.randomUUID();
  }

  @Override
  public FileSystem fs() {
    try {
      return hdfs.fileSystem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void clusterListensOnLoopbackOnly() {
    assertTrue(hdfs.nameNodeAddress().getAddress().isLoopbackAddress(), hdfs.nameNodeAddress().toString());
    assertTrue(hdfs.dataNodeAddress().getAddress().isLoopbackAddress(), hdfs.dataNodeAddress().toString());
    assertTrue(newRunDir().startsWith("hdfs://"), newRunDir());
  }

  @Test
  void pathWithoutSchemeUsesDefaultFs() {
    CheckpointStore store = new CheckpointStore(conf(), "/runs/no-scheme");
    assertEquals(hdfs.uri() + "/runs/no-scheme/checkpoints", store.root());
  }

  @Test
  void runDirectoryNotWritableForTheUserIsNamedAtBegin() throws Exception {
    String run = newRunDir();
    fs().mkdirs(new Path(run), new FsPermission((short) 0755)); // owned by the superuser
    UserGroupInformation alice = UserGroupInformation.createUserForTesting("alice", new String[] {"users"});
    PrivilegedExceptionAction<CheckpointException> attempt = () -> assertThrows(CheckpointException.class,
        () -> new CheckpointStore(conf(), run).begin(Role.POLICY, 1));
    CheckpointException e = alice.doAs(attempt);
    assertTrue(e.getMessage().startsWith(run + "/checkpoints/policy: cannot create directory"), e.getMessage());
    assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
  }

  @Test
  void quotaExceededNamesTheFileAndLeavesNothingBehind() throws IOException {
    String run = newRunDir();
    fs().mkdirs(new Path(run));
    ((DistributedFileSystem) fs()).setQuota(new Path(run), HdfsConstants.QUOTA_DONT_SET, 1024);
    CheckpointStore store = new CheckpointStore(conf(), run);
    try (CheckpointWriter w = store.begin(Role.POLICY, 1)) {
      CheckpointException e = assertThrows(CheckpointException.class, () -> w.putBytes("model.params", new byte[10]));
      assertTrue(e.getMessage().startsWith(store.root() + "/policy/.v000001.tmp-"), e.getMessage());
      assertTrue(e.getMessage().contains("/model.params: "), e.getMessage());
      assertTrue(e.getMessage().contains("file system full or quota exceeded"), e.getMessage());
      assertThrows(IllegalStateException.class, w::commit);
    }
    assertEquals(List.of("checkpoints"), list(run));
    assertEquals(List.of(), list(store.root() + "/policy"));
  }
}
