package io.tether.core.task;

import io.tether.core.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training sequences for supervised fine-tuning of the policy on the default task: with
 * probability {@code reviewShare} a whole review sentence as {@code BOS text EOS} (so the policy
 * learns how a review starts and where it ends), otherwise a random window of a book (language).
 * Deterministic for a given random stream.
 */
public final class SftBatches {
  private final List<int[]> reviews = new ArrayList<>();
  private final List<int[]> books = new ArrayList<>();
  private final double reviewShare;
  private final int seqLen;

  public SftBatches(DefaultTaskCorpus corpus, Tokenizer tok, int seqLen, double reviewShare) {
    if (seqLen < 2) {
      throw new IllegalArgumentException("seqLen must be >= 2, got " + seqLen);
    }
    this.seqLen = seqLen;
    this.reviewShare = reviewShare;
    for (String r : corpus.trainReviews()) {
      int[] body = tok.encode(r);
      int[] seq = new int[Math.min(seqLen, body.length + 2)];
      seq[0] = tok.bos();
      System.arraycopy(body, 0, seq, 1, Math.min(body.length, seq.length - 1));
      if (body.length + 2 <= seqLen) {
        seq[seq.length - 1] = tok.eos();
      }
      reviews.add(seq);
    }
    for (String b : corpus.books()) {
      int[] t = tok.encode(b);
      if (t.length > seqLen) {
        books.add(t);
      }
    }
    if (reviews.isEmpty() || books.isEmpty()) {
      throw new IllegalArgumentException("the SFT corpus needs reviews and books longer than "
          + seqLen + " tokens");
    }
  }

  /** {@code count} sequences of at most {@code seqLen} tokens. */
  public List<int[]> next(int count, SplittableRandom random) {
    List<int[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (random.nextDouble() < reviewShare) {
        out.add(reviews.get(random.nextInt(reviews.size())));
      } else {
        int[] book = books.get(random.nextInt(books.size()));
        int from = random.nextInt(book.length - seqLen + 1);
        out.add(Arrays.copyOfRange(book, from, from + seqLen));
      }
    }
    return out;
  }
}
