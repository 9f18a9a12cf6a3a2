package io.tether.core.config;

/**
 * Any problem with a Tether config: unreadable file, YAML syntax, unknown key, wrong type, bad
 * enum value, value out of range, malformed override.
 *
 * <p>When raised by {@link ConfigLoader} the message starts with the source name (usually the
 * file path, with {@code :line:column} where known) and names the full key path, for example
 * {@code run.yaml:3:15: rollout.batch_size: expected an integer, got "sixteen"}. When raised by a
 * record constructor it names the key path and the bad value only.
 */
public final class ConfigException extends RuntimeException {
  private final String key;

  /**
   * @param key the dotted key path the problem is about ({@code learner.ppo.clip_range}), or an
   *     empty string when it concerns the whole file
   * @param message the complete, human-readable message
   */
  public ConfigException(String key, String message) {
    super(message);
    this.key = key == null ? "" : key;
  }

  ConfigException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key == null ? "" : key;
  }

  /** The dotted key path the problem is about, or an empty string for the whole file. */
  public String key() {
    return key;
  }
}
