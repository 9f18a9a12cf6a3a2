package io.tether.core.task;

/**
 * A held-out split decided by content alone: a hash of the item, mixed, then compared with the
 * held-out fraction, so the same item is always on the same side whatever the input order.
 */
public final class StableSplit {
  private StableSplit() {}

  /** Whether the item of hash {@code h} is held out at {@code fraction} (resolution 1e-4). */
  public static boolean heldOut(long h, double fraction) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return Long.remainderUnsigned(h, 10_000) < fraction * 10_000;
  }
}
