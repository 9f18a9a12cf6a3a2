package io.tether.learner;

import io.tether.core.metrics.MetricNames;
import java.util.Map;

/** Running sums of the per-minibatch statistics of one iteration's update. */
final class UpdateStats {
  private double policyLoss;
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

  void addMicro(double pLoss, double vLoss, double clip, double akl, double ent, double vClip,
      long microTokens) {
    policyLoss += pLoss;
    valueLoss += vLoss;
    clipFrac += clip;
    approxKl += akl;
    entropy += ent;
    valueClipFrac += vClip;
    tokens += microTokens;
    micros++;
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
    out.put(MetricNames.LOSS_VALUE, valueLoss / micros);
    out.put(MetricNames.VALUE_CLIPFRAC, valueClipFrac / micros);
    out.put(MetricNames.LEARNING_RATE, lr);
    out.put(MetricNames.GRAD_NORM_POLICY, policyNorm / steps);
    out.put(MetricNames.GRAD_NORM_VALUE, criticNorm / steps);
  }
}
