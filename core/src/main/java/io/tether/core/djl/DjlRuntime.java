package io.tether.core.djl;

import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * Configures DJL to run fully offline before its engine starts: natives and the JNI library come
 * from the classpath, nothing is downloaded and no usage tracking is attempted.
 *
 * <p>Call {@link #engine()} instead of {@link Engine#getInstance()} so that the settings are in
 * place whichever class touches DJL first. Values already set by the launcher (system properties)
 * win; the environment variables {@code OPT_OUT_TRACKING} and {@code DJL_CACHE_DIR} should also be
 * set by the launcher since the engine reads some settings from the environment.
 */
public final class DjlRuntime {
  private static volatile boolean configured;

  private DjlRuntime() {}

  /** The PyTorch engine, configured for offline use. */
  public static Engine engine() {
    configure();
    return Engine.getEngine("PyTorch");
  }

  /** Sets the offline properties once; safe to call from many threads. */
  public static synchronized void configure() {
    if (configured) {
      return;
    }
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    setIfAbsent("DJL_CACHE_DIR", defaultCacheDir());
    configured = true;
  }

  private static String defaultCacheDir() {
    String env = System.getenv("DJL_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return env;
    }
    return Path.of(System.getProperty("user.home"), ".cache", "tether", "djl").toString();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
