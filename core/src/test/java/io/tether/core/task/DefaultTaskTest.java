package io.tether.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.config.SftConfig;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import io.tether.core.tokenizer.ByteTokenizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** On the default task's data, fetched on first use (as tether setup does). */
class DefaultTaskTest {
  private static final DefaultTaskCorpus CORPUS =
      DefaultTaskCorpus.load(io.tether.core.data.DefaultTaskData.ensure(), 0.1);

  @Test
  void theCorpusHasBooksAndASplitOfTheReviews() {
    assertEquals(372, CORPUS.books().size(), "Moby-Dick 0.2.3 chapters and front matter + SOTU 0.2.3 addresses");
    int reviews = CORPUS.trainReviews().size() + CORPUS.heldoutReviews().size();
    assertTrue(reviews > 2900 && reviews <= 3003, "reviews " + reviews);
    double share = CORPUS.heldoutReviews().size() / (double) reviews;
    assertEquals(0.1, share, 0.03);
    Set<String> train = new HashSet<>(CORPUS.trainReviews());
    assertTrue(CORPUS.heldoutReviews().stream().noneMatch(train::contains));
    assertTrue(CORPUS.books().get(0).startsWith("Call me Ishmael."), CORPUS.books().get(0));
  }

  @Test
  void promptsAreTheFirstWordsOfASentence() {
    List<String> p = PromptMaker.prompts(
        List.of("This movie was great fun", "Bad.", "I would not go back there again"), 2, 4);
    assertEquals(2, p.size());
    assertTrue("This movie was great fun".startsWith(p.get(0)), p.get(0));
    assertFalse(p.get(0).endsWith(" "), p.get(0));
    int words = p.get(1).split(" ").length;
    assertTrue(words >= 2 && words <= 4, p.get(1));
    assertEquals(p, PromptMaker.prompts(
        List.of("This movie was great fun", "Bad.", "I would not go back there again"), 2, 4));
  }

  @Test
  void sftLowersTheLossOnTheDefaultCorpus() {
    ByteTokenizer tok = new ByteTokenizer();
    SftBatches batches = new SftBatches(CORPUS, tok, 64, 0.5);
    List<int[]> a = batches.next(8, new SplittableRandom(3));
    List<int[]> b = batches.next(8, new SplittableRandom(3));
    for (int i = 0; i < a.size(); i++) {
      assertTrue(java.util.Arrays.equals(a.get(i), b.get(i)));
      assertTrue(a.get(i).length <= 64);
    }
    assertTrue(a.stream().anyMatch(s -> s[0] == tok.bos() && s[s.length - 1] == tok.eos()));
    ModelSpec spec = ModelSpec.of(ModelPreset.TINY, tok.vocabSize(), HeadKind.LM);
    try (GptModel policy = GptModel.create(spec, 1)) {
      SftRunner.Result r = SftRunner.run(policy, batches, new SftConfig(150, 8, 64, 3e-3, 15),
          tok.pad(), 1, s -> { }, Ticker.SYSTEM);
      System.out.printf("sft: loss %.3f -> %.3f in %.1f s%n", r.firstLoss(), r.lastLoss(),
          r.seconds());
      assertTrue(r.lastLoss() < r.firstLoss() - 1.5, r.toString());
    }
  }
}
