package io.tether.deploy.run;

import ai.djl.ndarray.types.DataType;
import io.tether.core.checkpoint.CheckpointException;
import io.tether.core.checkpoint.CheckpointPaths;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ConfigException;
import io.tether.core.config.TetherConfig;
import io.tether.core.hf.HfModel;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelStore;
import io.tether.core.progress.Progress;
import io.tether.core.task.SftRunner;
import java.nio.file.Path;

/**
 * The run's set-up, each step skipped when its checkpoint already exists: the initial policy
 * (checkpoint role {@code reference}, version 0: {@code model.checkpoint} or a fresh model,
 * fine-tuned on the task's SFT texts unless {@code sft.steps} is 0), then the reward model
 * ({@link RewardSetup}).
 */
final class RunSetup {
  private static final SftRunner.Result NO_SFT = new SftRunner.Result(0, Double.NaN, Double.NaN, 0);

  private RunSetup() {}

  /** Only the SFT step (tether sft); returns its losses, or NaN when it was already done. */
  static SftRunner.Result sftOnly(RunContext ctx, Task task) {
    return sft(ctx, task);
  }

  static SetupResult ensure(RunContext ctx, Task task) {
    Path file = ctx.layout().dir().resolve("setup.json");
    if (SetupResult.exists(file) && RewardSetup.done(ctx)) {
      return SetupResult.read(file);
    }
    RewardSetup.spec(ctx); // a reward model of more blocks than the policy: refused before SFT
    SftRunner.Result sft = sft(ctx, task);
    SetupResult r = RewardSetup.run(ctx, task, sft);
    r.write(file);
    return r;
  }

  private static SftRunner.Result sft(RunContext ctx, Task task) {
    if (!ctx.store().versions(Role.REFERENCE).isEmpty()) {
      return NO_SFT;
    }
    TetherConfig c = ctx.config();
    try (GptModel policy = initialPolicy(ctx)) {
      SftRunner.Result r = NO_SFT;
      if (c.sft().steps() > 0) {
        r = fineTune(ctx, task, policy);
      } else {
        ctx.out().println("sft: skipped (sft.steps: 0); policy and reference are "
            + (c.model().hasPretrained() ? c.model().pretrained() : c.model().checkpoint()));
      }
      try (CheckpointWriter w = ctx.store().begin(Role.REFERENCE, 0)) {
        ModelStore.write(w, policy);
        w.commit();
      }
      return r;
    }
  }

  private static SftRunner.Result fineTune(RunContext ctx, Task task, GptModel policy) {
    TetherConfig c = ctx.config();
    int seqLen = c.sft().seqLen() == 0 ? ctx.policySpec().contextLength()
        : Math.min(c.sft().seqLen(), ctx.policySpec().contextLength());
    try (Progress bar = Progress.stderr("sft", "steps", c.sft().steps())) {
      SftRunner.Result r = SftRunner.run(policy, task.sft(seqLen), c.sft(),
          ctx.tokenizer().pad(), c.run().seed(), s -> bar.advance(1), ctx.ticker());
      ctx.out().printf("sft: loss %.3f -> %.3f nats/token in %.0f s%n", r.firstLoss(),
          r.lastLoss(), r.seconds());
      return r;
    }
  }

  /**
   * {@code model.checkpoint}'s model (a run's newest policy, else its reference, or the version
   * directory named), which must have the configured shape; a fresh model when it is empty.
   */
  static GptModel initialPolicy(RunContext ctx) {
    String uri = ctx.config().model().checkpoint();
    if (ctx.config().model().hasPretrained()) {
      String dir = ctx.config().model().pretrained();
      try {
        return HfModel.load(new org.apache.hadoop.fs.Path(dir), ctx.hadoop()).model();
      } catch (ModelFormatException e) {
        throw new ConfigException("model.pretrained", "model.pretrained " + e.getMessage());
      }
    }
    if (uri.isEmpty()) {
      return GptModel.create(ctx.policySpec(), ctx.config().run().seed());
    }
    try {
      return ModelStore.read(CheckpointPaths.open(ctx.hadoop(), uri, Role.POLICY, Role.REFERENCE),
          ctx.policySpec(), DataType.FLOAT32, null);
    } catch (CheckpointException | ModelFormatException e) {
      throw new ConfigException("model.checkpoint", "model.checkpoint " + uri + ": "
          + e.getMessage());
    }
  }
}
