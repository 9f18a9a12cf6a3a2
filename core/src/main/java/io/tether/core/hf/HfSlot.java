package io.tether.core.hf;

/**
 * One Tether parameter's tensor in a Hugging Face state dict.
 *
 * @param hfName the tensor's name (without a GPT-2 {@code transformer.} prefix)
 * @param transposed whether the checkpoint stores it [in, out] (GPT-2's Conv1D)
 */
public record HfSlot(String hfName, boolean transposed) {}
