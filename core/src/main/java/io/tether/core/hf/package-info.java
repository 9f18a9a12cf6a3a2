/**
 * Hugging Face model directories: the safetensors format (single files and sharded indexes,
 * F32/F16/BF16, read by tensor so files past 2 GiB never go onto the heap whole), {@code
 * config.json}, and the mapping of a GPT-2 checkpoint's tensors onto Tether's decoder and back.
 */
package io.tether.core.hf;
