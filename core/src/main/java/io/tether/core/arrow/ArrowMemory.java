package io.tether.core.arrow;

import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The Arrow memory of one process role: one root allocator, a child allocator per stage or call,
 * and a leak check when either closes. Closing a stage's allocator while it still holds buffers
 * throws Arrow's {@link IllegalStateException} ("Memory was leaked ...") naming the allocator,
 * {@code role/stage}; closing the role's while a stage is open or memory is held throws one
 * naming the role, the open stages and the bytes. The executor role's memory lives
 * as long as its JVM ({@link #executor()}); the others are owned by whoever opens them.
 */
public final class ArrowMemory implements AutoCloseable {
  private static final class ExecutorHolder {
    static final ArrowMemory INSTANCE = new ArrowMemory(ProcessRole.EXECUTOR);
  }

  private final ProcessRole role;
  private final RootAllocator root;

  private ArrowMemory(ProcessRole role) {
    this.role = role;
    this.root = new RootAllocator();
  }

  /** New memory for {@code role}; the caller closes it. */
  public static ArrowMemory open(ProcessRole role) {
    return new ArrowMemory(role);
  }

  /** This executor JVM's memory (created on first use, never closed: it lives with the JVM). */
  public static ArrowMemory executor() {
    return ExecutorHolder.INSTANCE;
  }

  /** The role this memory belongs to. */
  public ProcessRole role() {
    return role;
  }

  /**
   * A new child allocator for one stage, e.g. {@code rollout-decode}, named {@code
   * role/stage}; the caller closes it, and closing it with buffers still held throws.
   */
  public BufferAllocator stage(String name) {
    String full = role.name().toLowerCase(Locale.ROOT) + "/" + name;
    return root.newChildAllocator(full, 0, Long.MAX_VALUE);
  }

  /** Bytes held now by every stage of this role. */
  public long allocatedBytes() {
    return root.getAllocatedMemory();
  }

  /**
   * Closes the role's root allocator.
   *
   * @throws IllegalStateException if a stage is still open or memory is still held
   */
  @Override
  public void close() {
    if (!root.getChildAllocators().isEmpty() || root.getAllocatedMemory() != 0) {
      String open = root.getChildAllocators().stream().map(BufferAllocator::getName).toList()
          .toString();
      long bytes = root.getAllocatedMemory();
      throw new IllegalStateException(role + " Arrow memory closed with " + bytes
          + " bytes held and stages still open: " + open);
    }
    root.close();
  }
}
