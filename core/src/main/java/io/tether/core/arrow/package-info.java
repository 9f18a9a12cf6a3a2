/**
 * The Arrow data that crosses Tether's stage boundaries: prompts, rollouts and scored rollouts.
 *
 * <p>Each stage has a record ({@link io.tether.core.arrow.Prompt}, {@link
 * io.tether.core.arrow.Rollout}, {@link io.tether.core.arrow.ScoredRollout}) and a codec holding
 * the stage's schema as a constant ({@link io.tether.core.arrow.PromptCodec#SCHEMA}, ...). {@link
 * io.tether.core.arrow.ArrowIpc} writes and reads lists of records as Arrow IPC streams and checks
 * what it reads; every problem found in the data is an {@link
 * io.tether.core.arrow.ArrowDataException}.
 */
package io.tether.core.arrow;
