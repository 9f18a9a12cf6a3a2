package io.tether.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What the contract tests need from one file system: a configuration, a fresh run directory per
 * test, and direct access to damage files behind the store's back.
 */
interface StoreFixture {
  Configuration conf();

  /** A run directory (path or URI) that no other test uses. */
  String newRunDir();

  /** The file system under the run directories, for inspecting and damaging files. */
  FileSystem fs();

  /** A store on a fresh run directory; also starts recording log messages afresh. */
  default CheckpointStore newStore() {
    CheckpointLogs.clear();
    return new CheckpointStore(conf(), newRunDir());
  }

  /** Commits {@code files} as {@code role}/{@code version}. */
  default void commit(CheckpointStore store, Role role, long version, Map<String, byte[]> files) {
    try (CheckpointWriter w = store.begin(role, version)) {
      files.forEach(w::putBytes);
      w.commit();
    }
  }

  /** Commits a single file {@code state.txt} holding {@code "version <n>"}. */
  default void commitSmall(CheckpointStore store, Role role, long version) {
    commit(store, role, version, Map.of("state.txt", utf8("version " + version)));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Replaces the content of {@code uri} through Hadoop (so local .crc files stay consistent). */
  default void overwrite(String uri, byte[] content) {
    try (OutputStream out = fs().create(new Path(uri), true)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  default byte[] read(String uri) {
    try (InputStream in = fs().open(new Path(uri))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  default String readText(String uri) {
    return new String(read(uri), StandardCharsets.UTF_8);
  }

  default boolean exists(String uri) {
    try {
      return fs().exists(new Path(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  default void delete(String uri) {
    try {
      fs().delete(new Path(uri), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  default void mkdirs(String uri) {
    try {
      fs().mkdirs(new Path(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names in {@code uri} (Hadoop hides local .crc files), sorted. */
  default List<String> list(String uri) {
    try {
      return Arrays.stream(fs().listStatus(new Path(uri)))
          .map(st -> st.getPath().getName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
