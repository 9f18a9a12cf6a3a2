package io.tether.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Spark, Arrow and DJL need on Java 17, as the build wrote them from the parent pom
 * (the one list; also used by surefire and the launcher script), for example to pass on to Spark
 * executors as {@code spark.executor.extraJavaOptions}.
 */
public final class JvmOptions {
  private JvmOptions() {}

  /** The flags, one per element. */
  public static List<String> flags() {
    try (InputStream in = JvmOptions.class.getResourceAsStream("jvm.options")) {
      if (in == null) {
        throw new IllegalStateException("jvm.options missing from the tether jar: rebuild it");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The flags joined by spaces. */
  public static String joined() {
    return String.join(" ", flags());
  }
}
