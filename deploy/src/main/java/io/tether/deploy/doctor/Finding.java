package io.tether.deploy.doctor;

/**
 * The outcome of one installation check.
 *
 * @param check what was checked, e.g. {@code spark}
 * @param ok whether it passed
 * @param detail versions and figures when it passed, the reason when it did not
 */
public record Finding(String check, boolean ok, String detail) {
  /** {@code ok    spark     Spark 4.2.0 ...} or {@code FAIL  ...}. */
  public String line() {
    return String.format("%-5s %-8s %s", ok ? "ok" : "FAIL", check, detail);
  }
}
