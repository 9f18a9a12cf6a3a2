/**
 * {@code tether bench}: where the time goes, against the machine's own limit. Every figure is a
 * {@link io.tether.deploy.bench.BenchRow} with the baseline it is compared with, measured in the
 * same run, so that figures taken on a busy machine still compare as ratios.
 *
 * <p>This package is the benchmarks' one home: the measuring code of every stage (matmul and
 * decode-step rooflines, generation, learner steps and PPO updates, reward scoring, Arrow
 * transfer) lives here, over the stage modules' public APIs, and no product code depends on it.
 * The commands {@code tether bench} ({@code BenchCommand}) and {@code tether roofline} are its
 * only entry points; {@code BenchHomeTest} fails on any other reference to the package from a
 * main source tree, and on a second package named {@code bench}.
 */
package io.tether.deploy.bench;
