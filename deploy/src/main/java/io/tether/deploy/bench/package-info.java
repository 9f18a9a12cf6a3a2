/**
 * {@code tether bench}: where the time goes, against the machine's own limit. Every figure is a
 * {@link io.tether.deploy.bench.BenchRow} with the baseline it is compared with, the two timed in
 * turn in the same run ({@link io.tether.deploy.bench.Interleaved}: A B A B ...), so that load
 * from other work on a busy machine falls on both and their ratio stays meaningful.
 *
 * <p>{@code bench.csv} ({@link io.tether.deploy.bench.BenchReport}) has one line per row with the
 * columns:
 *
 * <ul>
 *   <li>{@code section, scenario, metric}: what was measured ({@link
 *       io.tether.deploy.bench.Section});
 *   <li>{@code value, unit}: the median of the measured rounds;
 *   <li>{@code baseline, baseline_value}: what it is compared with ({@code self} for a figure with
 *       no baseline of its own) and the median of the baseline's rounds, in the same unit;
 *   <li>{@code ratio}: {@code value / baseline_value};
 *   <li>{@code value_spread, baseline_spread}: interquartile range / median of each side's rounds
 *       ({@link io.tether.deploy.bench.Sample}); 0 for a figure that is not timed (a byte count,
 *       a time read from a run's {@code metrics.csv});
 *   <li>{@code reliable}: {@code false} when a spread is {@link
 *       io.tether.deploy.bench.Paired#MAX_SPREAD} or more, or the ratio is outside what is
 *       physically possible for the row ({@link io.tether.deploy.bench.RatioBound}: a utilisation
 *       above 1, a step faster than its FLOPs at the roofline). {@code bench.txt} prints such a
 *       row's ratio as {@code UNRELIABLE (spread 0.61)} or {@code UNRELIABLE (ratio 7.300)}.
 * </ul>
 *
 * <p>This package is the benchmarks' one home: the measuring code of every stage (matmul and
 * decode-step rooflines, generation, learner steps and PPO updates, reward scoring, Arrow
 * transfer) lives here, over the stage modules' public APIs, and no product code depends on it.
 * The commands {@code tether bench} ({@code BenchCommand}) and {@code tether roofline} are its
 * only entry points; {@code BenchHomeTest} fails on any other reference to the package from a
 * main source tree, and on a second package named {@code bench}.
 */
package io.tether.deploy.bench;
