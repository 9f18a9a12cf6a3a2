package io.tether.core.tokenizer;

/** Which tokenizer a model uses; the YAML value is the lower-case name ({@code byte}, {@code gpt2}, {@code corpus}, {@code pretrained}). */
public enum TokenizerKind {
  /** 256 byte tokens plus BOS, EOS and PAD: needs no vocabulary file, round-trips any UTF-8 text. */
  BYTE,
  /** GPT-2 BPE (r50k_base) through jtokkit, plus a PAD token. */
  GPT2,
  /**
   * Byte-level BPE fitted to the run's SFT texts when the run starts ({@code model.vocab_size}
   * ids), stored with the run as a Hugging Face {@code tokenizer.json}: see {@link BpeTokenizer}.
   */
  CORPUS,
  /**
   * A Hugging Face model directory's own {@code tokenizer.json} ({@code model.pretrained}),
   * through the {@code tokenizers} library: see {@link HfTokenizer}.
   */
  PRETRAINED
}
