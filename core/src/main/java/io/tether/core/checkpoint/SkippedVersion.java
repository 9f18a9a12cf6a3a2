package io.tether.core.checkpoint;

/**
 * A version that {@link CheckpointStore#openLatestValid} passed over.
 *
 * @param version the version number
 * @param reason why, e.g. {@code ".../v000003/model.params: sha256 mismatch (...)"}
 */
public record SkippedVersion(long version, String reason) {}
