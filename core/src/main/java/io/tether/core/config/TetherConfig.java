package io.tether.core.config;

/**
 * The whole configuration of a Tether run: one record per YAML section. Load it with {@link
 * ConfigLoader}; every key has a default, so an empty file gives {@link #defaults()}.
 *
 * @param run run identity, seed and checkpoint cadence
 * @param data prompt and preference data
 * @param model model size and tokenizer
 * @param sft pre-training / supervised fine-tuning of the initial policy
 * @param rollout sampling of responses
 * @param reward scoring and reward-model training
 * @param learner the PPO learner
 * @param eval evaluation on the task's evaluation prompts
 * @param spark the Spark application
 */
public record TetherConfig(
    RunConfig run,
    DataConfig data,
    ModelConfig model,
    SftConfig sft,
    RolloutConfig rollout,
    RewardConfig reward,
    LearnerConfig learner,
    EvalConfig eval,
    SparkConfig spark) {

  /** Checks that no section is missing. */
  public TetherConfig {
    Check.present("run", run);
    Check.present("data", data);
    Check.present("model", model);
    Check.present("sft", sft);
    Check.present("rollout", rollout);
    Check.present("reward", reward);
    Check.present("learner", learner);
    Check.present("eval", eval);
    Check.present("spark", spark);
    if (data.chatTemplate() == ChatTemplateMode.MODEL && !model.hasPretrained()) {
      throw new ConfigException("data.chat_template", "data.chat_template is model but"
          + " model.pretrained is empty; the template comes from the model directory's"
          + " tokenizer_config.json");
    }
    if (!learner.advantage().usesCritic() && rollout.samplesPerPrompt() < 2) {
      throw new ConfigException("rollout.samples_per_prompt", "learner.advantage is "
          + learner.advantage().name().toLowerCase(java.util.Locale.ROOT)
          + " but rollout.samples_per_prompt is " + rollout.samplesPerPrompt()
          + "; a group baseline compares the samples of one prompt, so it needs at least 2");
    }
    int layers = reward.train().layers();
    if (!model.hasPretrained() && layers > model.blocks()) {
      throw new ConfigException("reward.train.layers", "reward.train.layers is " + layers
          + " but the policy has " + model.blocks() + " blocks (model.n_layer or model.preset);"
          + " the reward model keeps at most all of them (0: all)");
    }
  }

  /**
   * This config without secrets ({@code reward.token}), as written to {@code config.yaml} and
   * {@code summary.json}; a resumed remote run takes the token from {@code TETHER_REWARD_TOKEN}
   * or {@code --set reward.token=...}.
   */
  public TetherConfig redacted() {
    return new TetherConfig(run, data, model, sft, rollout, reward.redacted(), learner, eval,
        spark);
  }

  /** Every section at its defaults. */
  public static TetherConfig defaults() {
    return new TetherConfig(
        RunConfig.defaults(),
        DataConfig.defaults(),
        ModelConfig.defaults(),
        SftConfig.defaults(),
        RolloutConfig.defaults(),
        RewardConfig.defaults(),
        LearnerConfig.defaults(),
        EvalConfig.defaults(),
        SparkConfig.defaults());
  }
}
