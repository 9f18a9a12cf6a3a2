package io.tether.core.data;

import io.tether.core.config.DataConfig;

/**
 * For tests that run the default task: its data, fetched on first use into the cache a run
 * reads ({@code $TETHER_DATA_DIR}, else {@code ~/.cache/tether/data}), so the README's test
 * command passes on a fresh clone without {@code tether setup}.
 */
public final class DefaultTaskData {
  private DefaultTaskData() {}

  /** The default task's files, present. */
  public static DefaultTaskFiles ensure() {
    return DefaultTaskDownload.ensure(DefaultTaskFiles.of(DataConfig.defaults()), System.err);
  }
}
