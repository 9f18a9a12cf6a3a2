package io.tether.learner;

import io.tether.core.metrics.MetricNames;
import java.util.Map;

/** Running sums of the per-minibatch statistics of one iteration's update. */
final class UpdateStats {
  private final boolean critic;
  private final boolean klLoss;
  private double policyLoss;
  private double klLossSum;
  private double valueLoss;
  private double clipFrac;
  private double approxKl;
  private double entropy;
  private double valueClipFrac;
  private long micros;
  private double lr;
  private double policyNorm;
  private double criticNorm;
  private long steps;
  private long tokens;
  private double firstRatioDeviation = -1;

  /**
   * @param critic whether value statistics are collected
   * @param klLoss whether a KL loss term is
   */
  UpdateStats(boolean critic, boolean klLoss) {
    this.critic = critic;
    this.klLoss = klLoss;
  }

  void addMicro(double pLoss, double clip, double akl, double ent, long microTokens) {
    policyLoss += pLoss;
    clipFrac += clip;
    approxKl += akl;
    entropy += ent;
    tokens += microTokens;
    micros++;
  }

  void addValue(double vLoss, double vClip) {
    valueLoss += vLoss;
    valueClipFrac += vClip;
  }

  void addKlLoss(double k3) {
    klLossSum += k3;
  }

  void addStep(double learningRate, double pNorm, double cNorm) {
    lr = learningRate;
    policyNorm += pNorm;
    criticNorm += cNorm;
    steps++;
  }

  double firstRatioDeviation() {
    return firstRatioDeviation;
  }

  void setFirstRatioDeviation(double value) {
    firstRatioDeviation = value;
  }

  long tokens() {
    return tokens;
  }

  void putAverages(Map<String, Double> out) {
    out.put(MetricNames.APPROX_KL, approxKl / micros);
    out.put(MetricNames.CLIPFRAC, clipFrac / micros);
    out.put(MetricNames.ENTROPY, entropy / micros);
    out.put(MetricNames.INITIAL_RATIO_DEVIATION, firstRatioDeviation);
    out.put(MetricNames.LOSS_POLICY, policyLoss / micros);
    if (klLoss) {
      out.put(MetricNames.LOSS_KL, klLossSum / micros);
    }
    if (critic) {
      out.put(MetricNames.LOSS_VALUE, valueLoss / micros);
      out.put(MetricNames.VALUE_CLIPFRAC, valueClipFrac / micros);
    }
    out.put(MetricNames.LEARNING_RATE, lr);
    out.put(MetricNames.GRAD_NORM_POLICY, policyNorm / steps);
    if (critic) {
      out.put(MetricNames.GRAD_NORM_VALUE, criticNorm / steps);
    }
  }
}
