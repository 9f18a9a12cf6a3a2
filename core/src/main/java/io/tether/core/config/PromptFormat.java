package io.tether.core.config;

/**
 * How the prompts file is read.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum PromptFormat {
  /** Chosen from the file name and its first record. */
  AUTO,
  /** One JSON object per line with a {@code prompt} field. */
  JSONL,
  /** HH-RLHF JSONL: records with {@code chosen} and {@code rejected} conversations. */
  HH_RLHF,
  /** A Parquet file with a {@code prompt} string column. */
  PARQUET
}
