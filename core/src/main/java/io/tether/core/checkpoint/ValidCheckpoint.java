package io.tether.core.checkpoint;

import java.util.List;

/**
 * The result of {@link CheckpointStore#openLatestValid}: the newest checkpoint that verified, and
 * the newer ones that did not.
 *
 * @param checkpoint the verified checkpoint
 * @param skipped newer versions that failed verification, newest first; empty when the latest was fine
 */
public record ValidCheckpoint(Checkpoint checkpoint, List<SkippedVersion> skipped) {
  public ValidCheckpoint {
    skipped = List.copyOf(skipped);
  }
}
