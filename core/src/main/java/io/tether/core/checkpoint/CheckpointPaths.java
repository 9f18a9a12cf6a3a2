package io.tether.core.checkpoint;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Finds a checkpoint from what a user types in a config key or option: a version directory
 * ({@code .../checkpoints/<role>/vNNNNNN}) or a run directory (or checkpoint store root), whose
 * newest valid version of the first role it has is taken.
 */
public final class CheckpointPaths {
  private static final Pattern VERSION =
      Pattern.compile("(.*)/checkpoints/([A-Za-z0-9_-]+)/v(\\d{6})/?");

  private CheckpointPaths() {}

  /**
   * The store holding {@code checkpoint} (a version directory {@code <run>/checkpoints/<role>/vN}),
   * for its {@linkplain CheckpointStore#readShared shared files}.
   */
  public static CheckpointStore storeOf(Configuration conf, Checkpoint checkpoint) {
    Matcher m = VERSION.matcher(checkpoint.uri());
    if (!m.matches()) {
      throw new CheckpointException(checkpoint.uri() + ": not a checkpoint version directory");
    }
    return new CheckpointStore(conf, m.group(1));
  }

  /**
   * The checkpoint {@code pathOrUri} names, opened and verified through {@code conf}.
   *
   * @param roles for a run directory, the roles to look for, in order of preference
   * @throws CheckpointException naming {@code pathOrUri} when it holds none of {@code roles}
   */
  public static Checkpoint open(Configuration conf, String pathOrUri, Role... roles) {
    Matcher m = VERSION.matcher(pathOrUri);
    if (m.matches()) {
      return new CheckpointStore(conf, m.group(1))
          .open(Role.ofDirName(m.group(2)), Long.parseLong(m.group(3)));
    }
    CheckpointStore store = new CheckpointStore(conf, pathOrUri);
    for (Role role : roles) {
      if (!store.versions(role).isEmpty()) {
        return store.openLatestValid(role).checkpoint();
      }
    }
    throw new CheckpointException(pathOrUri + ": no checkpoint of "
        + Arrays.stream(roles).map(Role::dirName).toList() + " here; give a run directory or a"
        + " version directory such as " + store.uri(roles[0], 0));
  }
}
