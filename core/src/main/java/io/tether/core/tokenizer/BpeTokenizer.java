package io.tether.core.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Byte-level byte-pair encoding: text is split into GPT-2-style pre-tokens, each pre-token's
 * UTF-8 bytes start as byte tokens, and the merges are applied lowest rank first until none
 * applies. Ids 0..255 are the bytes, then BOS (256), EOS (257) and PAD (258), then one id per
 * merge in rank order. An uncased tokenizer lower-cases text one character at a time
 * (no context, so a final capital sigma becomes the small sigma) before it splits it, as a
 * Hugging Face {@code Lowercase} normalizer does, so {@code Great} and {@code great} are one
 * token; it decodes to lower case. Fitted to a corpus by {@link BpeTrainer}, stored as a Hugging
 * Face {@code tokenizer.json} by {@link BpeFiles}. Immutable and serializable (it travels to Spark
 * executors with the tasks that decode); encodings of pre-tokens are cached.
 */
public final class BpeTokenizer implements Tokenizer {
  private static final long serialVersionUID = 1L;

  /** Beginning-of-sequence id. */
  public static final int BOS = 256;

  /** End-of-sequence id. */
  public static final int EOS = 257;

  /** Padding id. */
  public static final int PAD = 258;

  /** The first merge's id. */
  public static final int FIRST_MERGE = 259;

  /** Largest pre-token whose encoding is cached: longer ones (whitespace runs) are rare. */
  private static final int CACHED_CHARS = 32;

  private final int[] mergeLeft;
  private final int[] mergeRight;
  private final Map<Long, Integer> ranks;
  private final byte[][] pieces;
  private final boolean lowercase;
  private transient volatile Map<String, int[]> cache;

  /**
   * A cased tokenizer with the merges {@code (left[r], right[r]) -> FIRST_MERGE + r} for ranks r.
   *
   * @throws IllegalArgumentException when a merge names an id not defined before it
   */
  public BpeTokenizer(int[] left, int[] right) {
    this(left, right, false);
  }

  /**
   * A tokenizer with the merges {@code (left[r], right[r]) -> FIRST_MERGE + r} for ranks r.
   *
   * @param lowercase whether text is lower-cased before it is split
   * @throws IllegalArgumentException when a merge names an id not defined before it
   */
  public BpeTokenizer(int[] left, int[] right, boolean lowercase) {
    if (left.length != right.length) {
      throw new IllegalArgumentException(left.length + " left ids but " + right.length
          + " right ids");
    }
    this.lowercase = lowercase;
    this.mergeLeft = left.clone();
    this.mergeRight = right.clone();
    this.pieces = new byte[FIRST_MERGE + left.length][];
    this.ranks = new HashMap<>();
    for (int b = 0; b < 256; b++) {
      pieces[b] = new byte[] {(byte) b};
    }
    for (int id = 256; id < FIRST_MERGE; id++) {
      pieces[id] = new byte[0];
    }
    for (int r = 0; r < left.length; r++) {
      int id = FIRST_MERGE + r;
      requireMergeable(left[r], id, r);
      requireMergeable(right[r], id, r);
      pieces[id] = concat(pieces[left[r]], pieces[right[r]]);
      ranks.put(key(left[r], right[r]), r);
    }
  }

  private static void requireMergeable(int part, int id, int rank) {
    if (part < 0 || part >= id || (part >= 256 && part < FIRST_MERGE)) {
      throw new IllegalArgumentException("merge " + rank + " uses id " + part
          + ", which is not a byte or an earlier merge");
    }
  }

  /** Whether text is lower-cased before it is split (a Hugging Face {@code Lowercase} normalizer). */
  public boolean lowercase() {
    return lowercase;
  }

  /** {@code text} as the pre-tokenizer sees it: lower-cased when the tokenizer is uncased. */
  public String normalize(String text) {
    return lowercase ? lowerCase(text) : text;
  }

  /**
   * {@code text} lower-cased one code point at a time, each by its full Unicode mapping and
   * without context, as the Hugging Face {@code Lowercase} normalizer does ({@code İ} becomes
   * {@code i} and a combining dot; a word-final {@code Σ} becomes {@code σ}, where {@link
   * String#toLowerCase} would give {@code ς}).
   */
  static String lowerCase(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp < 128) {
        out.append((char) Character.toLowerCase(cp));
      } else {
        out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
      }
    });
    return out.toString();
  }

  /** Number of merges. */
  public int merges() {
    return mergeLeft.length;
  }

  /** Left id of the merge of rank {@code r}. */
  public int left(int r) {
    return mergeLeft[r];
  }

  /** Right id of the merge of rank {@code r}. */
  public int right(int r) {
    return mergeRight[r];
  }

  /** The bytes of token {@code id} (empty for BOS, EOS and PAD). */
  public byte[] bytes(int id) {
    return pieces[id].clone();
  }

  @Override
  public int vocabSize() {
    return pieces.length;
  }

  @Override
  public int bos() {
    return BOS;
  }

  @Override
  public int eos() {
    return EOS;
  }

  @Override
  public int pad() {
    return PAD;
  }

  @Override
  public int[] encode(String text) {
    List<int[]> parts = new ArrayList<>();
    int n = 0;
    Matcher m = ByteLevel.PRE_TOKENS.matcher(normalize(text));
    while (m.find()) {
      int[] ids = preToken(m.group());
      parts.add(ids);
      n += ids.length;
    }
    int[] out = new int[n];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private int[] preToken(String word) {
    if (word.length() > CACHED_CHARS) {
      return merge(word.getBytes(StandardCharsets.UTF_8));
    }
    Map<String, int[]> c = cache;
    if (c == null) {
      c = new ConcurrentHashMap<>();
      cache = c;
    }
    return c.computeIfAbsent(word, w -> merge(w.getBytes(StandardCharsets.UTF_8)));
  }

  /** Applies the merges to one pre-token's bytes, lowest rank first. */
  private int[] merge(byte[] bytes) {
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = bytes[i] & 0xFF;
    }
    int n = ids.length;
    while (n > 1) {
      int best = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < n; i++) {
        Integer r = ranks.get(key(ids[i], ids[i + 1]));
        if (r != null && r < best) {
          best = r;
        }
      }
      if (best == Integer.MAX_VALUE) {
        break;
      }
      n = apply(ids, n, best);
    }
    return java.util.Arrays.copyOf(ids, n);
  }

  /** Replaces every (left, right) pair of merge {@code r} in {@code ids[0, n)}, left to right. */
  private int apply(int[] ids, int n, int r) {
    int w = 0;
    for (int i = 0; i < n; i++) {
      if (i + 1 < n && ids[i] == mergeLeft[r] && ids[i + 1] == mergeRight[r]) {
        ids[w++] = FIRST_MERGE + r;
        i++;
      } else {
        ids[w++] = ids[i];
      }
    }
    return w;
  }

  @Override
  public String decode(int[] tokens) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(tokens.length * 4);
    for (int i = 0; i < tokens.length; i++) {
      TokenIds.requireInVocab(tokens, i, pieces.length);
      bytes.writeBytes(pieces[tokens[i]]);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public TokenizerKind kind() {
    return TokenizerKind.CORPUS;
  }

  static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
