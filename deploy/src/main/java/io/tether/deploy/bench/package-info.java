/**
 * {@code tether bench}: where the time goes, against the machine's own limit. Every figure is a
 * {@link io.tether.deploy.bench.BenchRow} with the baseline it is compared with, measured in the
 * same run, so that figures taken on a busy machine still compare as ratios.
 */
package io.tether.deploy.bench;
