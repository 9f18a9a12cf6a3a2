package io.tether.core.config;

/**
 * What to do with an unreadable line or record in an input file.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum BadLinePolicy {
  /** Stop with an error naming the file and line. */
  FAIL,
  /** Skip it and count it in the metrics. */
  SKIP
}
