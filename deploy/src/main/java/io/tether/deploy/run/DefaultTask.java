package io.tether.deploy.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.arrow.Prompt;
import io.tether.core.task.DefaultTaskCorpus;
import io.tether.core.task.PromptMaker;
import io.tether.core.task.SftBatches;
import io.tether.core.task.Words;
import io.tether.core.tokenizer.BpeTrainer;
import io.tether.deploy.report.Plots;
import io.tether.reward.GoldReward;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The default task (DESIGN.md): continue review sentences; SFT on training review sentences and
 * books, prompts from the first words of held-out review sentences (unless {@code data.prompts}
 * names a file), the AFINN-165 lexicon as gold reward. Reads the packages {@code tether setup}
 * fetched; missing, they are an error saying so.
 */
final class DefaultTask implements Task {
  /** Share of SFT sequences that are whole training review sentences; the rest: book windows. */
  static final double REVIEW_SHARE = 0.9;

  private final RunContext ctx;
  private final DefaultTaskCorpus corpus;
  private TaskPrompts prompts;
  private GoldReward gold;
  private Set<String> vocabulary;

  DefaultTask(RunContext ctx) {
    this.ctx = ctx;
    this.corpus = DefaultTaskCorpus.load(ctx.files(), ctx.config().data().heldoutFraction());
  }

  @Override
  public String description() {
    String from = ctx.config().data().prompts().isEmpty() ? "held-out review sentences"
        : ctx.config().data().prompts();
    return "task: default (continue review sentences; gold reward AFINN-165; data in "
        + ctx.files().cacheDir() + "); prompts from " + from + ": " + prompts().counts();
  }

  @Override
  public TaskPrompts prompts() {
    if (prompts == null) {
      prompts = TaskPrompts.of(ctx, all());
    }
    return prompts;
  }

  private List<Prompt> all() {
    String uri = ctx.config().data().prompts();
    if (!uri.isEmpty()) {
      return TaskPrompts.read(ctx, uri);
    }
    StringBuilder jsonl = new StringBuilder();
    ObjectMapper json = new ObjectMapper();
    for (String t : PromptMaker.prompts(corpus.heldoutReviews(), 2, 5)) {
      jsonl.append(json.createObjectNode().put("prompt", t)).append('\n');
    }
    Plots.writeText(jsonl.toString(), ctx.layout().prompts());
    // a file:// URI: the run directory is local even where fs.defaultFS names a cluster
    return TaskPrompts.read(ctx, ctx.layout().prompts().toUri().toString());
  }

  @Override
  public SftBatches sft(int seqLen) {
    return new SftBatches(corpus, ctx.tokenizer(), seqLen, REVIEW_SHARE);
  }

  @Override
  public List<Prompt> samplePrompts() {
    return ctx.promptSource().fromTexts(PromptMaker.prompts(corpus.trainReviews(), 2, 5))
        .prompts();
  }

  @Override
  public Optional<Set<String>> vocabulary() {
    if (vocabulary == null) {
      vocabulary = Words.vocabulary(texts(corpus));
    }
    return Optional.of(vocabulary);
  }

  /**
   * The SFT texts, weighted as SFT draws them: training review sentences ({@link
   * #REVIEW_SHARE} of the draws) and the books.
   */
  static List<BpeTrainer.Part> parts(DefaultTaskCorpus corpus) {
    return List.of(new BpeTrainer.Part(corpus.trainReviews(), REVIEW_SHARE),
        new BpeTrainer.Part(corpus.books(), 1 - REVIEW_SHARE));
  }

  /** The SFT texts: the books and the training review sentences. */
  static List<String> texts(DefaultTaskCorpus corpus) {
    List<String> texts = new ArrayList<>(corpus.books());
    texts.addAll(corpus.trainReviews());
    return texts;
  }

  @Override
  public List<String> annotatorTexts() {
    return corpus.trainReviews();
  }

  @Override
  public Optional<GoldReward> gold() {
    if (gold == null) {
      gold = GoldReward.load(ctx.files().sentiment());
    }
    return Optional.of(gold);
  }
}
