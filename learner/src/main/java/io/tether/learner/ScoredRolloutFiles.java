package io.tether.learner;

import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.arrow.ScoredRolloutCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Reads the scored rollouts the learner consumes: Arrow IPC streams, on any Hadoop path. */
public final class ScoredRolloutFiles {
  private ScoredRolloutFiles() {}

  /**
   * Every row of the stream at {@code uri}, decoded in {@code allocator} (all of it given back
   * before this returns); schema and list-length errors name the file.
   */
  public static List<ScoredRollout> read(Configuration conf, String uri,
      BufferAllocator allocator) {
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return ArrowIpc.readStream(ScoredRolloutCodec.INSTANCE, in, allocator, uri);
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": " + e.getMessage(), e);
    }
  }
}
