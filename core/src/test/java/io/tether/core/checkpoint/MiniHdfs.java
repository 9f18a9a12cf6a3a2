package io.tether.core.checkpoint;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.server.datanode.DataNode;

/**
 * A real HDFS in this JVM (one namenode, one datanode) bound to 127.0.0.1, with its data under
 * {@code target/}. Tests start it in {@code @BeforeAll} and {@link #close()} it in {@code @AfterAll}.
 */
public final class MiniHdfs implements AutoCloseable {
  private static final String LOOPBACK_ANY_PORT = "127.0.0.1:0";

  private final MiniDFSCluster cluster;
  private final long startMillis;

  private MiniHdfs(MiniDFSCluster cluster, long startMillis) {
    this.cluster = cluster;
    this.startMillis = startMillis;
  }

  /** Starts the cluster and prints how long that took. */
  public static MiniHdfs start() throws IOException {
    Path base = Paths.get("target", "minidfs", UUID.randomUUID().toString()).toAbsolutePath();
    Configuration conf = loopbackConf(base);
    long t0 = System.nanoTime();
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, base.toFile())
        .numDataNodes(1)
        .checkDataNodeAddrConfig(true)
        .build();
    cluster.waitActive();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("MiniDFSCluster started in %d ms at %s%n", millis, cluster.getURI());
    return new MiniHdfs(cluster, millis);
  }

  private static Configuration loopbackConf(Path base) {
    Configuration conf = new Configuration();
    conf.set("hadoop.tmp.dir", base.resolve("tmp").toString());
    conf.set("dfs.namenode.http-address", LOOPBACK_ANY_PORT);
    conf.set("dfs.datanode.address", LOOPBACK_ANY_PORT);
    conf.set("dfs.datanode.http.address", LOOPBACK_ANY_PORT);
    conf.set("dfs.datanode.ipc.address", LOOPBACK_ANY_PORT);
    conf.setInt("dfs.replication", 1);
    // Let close() return once the block is committed instead of polling (400 ms first back-off)
    // until the datanode has reported it: about 0.4 s per file otherwise.
    conf.setInt("dfs.namenode.file.close.num-committed-allowed", 1);
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 20);
    return conf;
  }

  long startMillis() {
    return startMillis;
  }

  /** The client configuration, with {@code fs.defaultFS} pointing at this cluster. */
  public Configuration conf() {
    return new Configuration(cluster.getConfiguration(0));
  }

  /** {@code hdfs://127.0.0.1:port}. */
  public String uri() {
    return cluster.getURI().toString();
  }

  public FileSystem fileSystem() throws IOException {
    return cluster.getFileSystem();
  }

  InetSocketAddress nameNodeAddress() {
    return cluster.getNameNode().getNameNodeAddress();
  }

  InetSocketAddress dataNodeAddress() {
    DataNode dn = cluster.getDataNodes().get(0);
    return dn.getXferAddress();
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
