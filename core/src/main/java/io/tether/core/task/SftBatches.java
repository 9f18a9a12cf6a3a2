package io.tether.core.task;

import io.tether.core.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training sequences for supervised fine-tuning of the policy. Two pools: whole texts as {@code
 * BOS text EOS} (so the policy learns how a text starts and where it ends), and long texts of
 * which each draw takes a random window of {@code seqLen} tokens. A draw comes from the first
 * pool with probability {@code wholeShare}. Deterministic for a given random stream.
 */
public final class SftBatches {
  private final List<int[]> whole;
  private final List<int[]> windows;
  private final double wholeShare;
  private final int seqLen;

  private SftBatches(List<int[]> whole, List<int[]> windows, double wholeShare, int seqLen) {
    this.whole = whole;
    this.windows = windows;
    this.wholeShare = wholeShare;
    this.seqLen = seqLen;
  }

  /**
   * The default task's mix: with probability {@code reviewShare} a whole training review
   * sentence (cut at {@code seqLen}, then without EOS), otherwise a window of a book (language).
   */
  public SftBatches(DefaultTaskCorpus corpus, Tokenizer tok, int seqLen, double reviewShare) {
    this(new ArrayList<>(), new ArrayList<>(), reviewShare, checkSeqLen(seqLen));
    for (String r : corpus.trainReviews()) {
      int[] body = tok.encode(r);
      int[] seq = new int[Math.min(seqLen, body.length + 2)];
      seq[0] = tok.bos();
      System.arraycopy(body, 0, seq, 1, Math.min(body.length, seq.length - 1));
      if (body.length + 2 <= seqLen) {
        seq[seq.length - 1] = tok.eos();
      }
      whole.add(seq);
    }
    for (String b : corpus.books()) {
      int[] t = tok.encode(b);
      if (t.length > seqLen) {
        windows.add(t);
      }
    }
    if (whole.isEmpty() || windows.isEmpty()) {
      throw new IllegalArgumentException("the SFT corpus needs reviews and books longer than "
          + seqLen + " tokens");
    }
  }

  /**
   * A user's SFT texts: each that fits is a whole {@code BOS text EOS}; each longer one gives a
   * random window of {@code BOS text EOS} per draw. Every text is drawn with equal probability.
   *
   * @throws IllegalArgumentException when {@code texts} is empty
   */
  public static SftBatches ofTexts(List<String> texts, Tokenizer tok, int seqLen) {
    checkSeqLen(seqLen);
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("no SFT texts");
    }
    List<int[]> whole = new ArrayList<>();
    List<int[]> windows = new ArrayList<>();
    for (String text : texts) {
      int[] body = tok.encode(text);
      int[] seq = new int[body.length + 2];
      seq[0] = tok.bos();
      System.arraycopy(body, 0, seq, 1, body.length);
      seq[seq.length - 1] = tok.eos();
      (seq.length <= seqLen ? whole : windows).add(seq);
    }
    return new SftBatches(whole, windows, (double) whole.size() / texts.size(), seqLen);
  }

  private static int checkSeqLen(int seqLen) {
    if (seqLen < 2) {
      throw new IllegalArgumentException("seqLen must be >= 2, got " + seqLen);
    }
    return seqLen;
  }

  /** {@code count} sequences of at most {@code seqLen} tokens. */
  public List<int[]> next(int count, SplittableRandom random) {
    List<int[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (random.nextDouble() < wholeShare) {
        out.add(whole.get(random.nextInt(whole.size())));
      } else {
        int[] text = windows.get(random.nextInt(windows.size()));
        int from = random.nextInt(text.length - seqLen + 1);
        out.add(Arrays.copyOfRange(text, from, from + seqLen));
      }
    }
    return out;
  }
}
