package io.tether.reward.labels;

import java.util.Locale;

/** A labeller's verdict on a comparison; in files the lower-case name. */
public enum Choice {
  /** Response a is better. */
  A,
  /** Response b is better. */
  B,
  /** No preference: the pair is left out of training, as a gold tie is. */
  TIE;

  /** The file value ({@code a}, {@code b}, {@code tie}). */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The choice {@code text} names, or null when it names none. */
  static Choice parse(String text) {
    for (Choice c : values()) {
      if (c.value().equals(text)) {
        return c;
      }
    }
    return null;
  }
}
