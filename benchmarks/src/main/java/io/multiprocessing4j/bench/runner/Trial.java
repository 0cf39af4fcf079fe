package io.multiprocessing4j.bench.runner;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One trial's figure and, for a latency workload, its p50, p99 and p99.9 in the same unit (µs). A trial
 * run in another process (Python, a Chronicle JVM) reports itself as one line,
 * {@code trial <figure> [percentiles <p50> <p99> <p99.9>]}.
 *
 * @param figure      the workload's headline figure; for a latency workload, its p50.
 * @param percentiles null unless the workload measures latency.
 */
record Trial(double figure, Percentiles percentiles)
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final String PREFIX = "trial ";

    /**
     * @param p999 the 99.9th percentile.
     */
    record Percentiles(double p50, double p99, double p999)
    {
    }

    static Trial of(final double figure)
    {
        return new Trial(figure, null);
    }

    /**
     * @param nanos round trips in nanoseconds; those before {@code from} are warm-up and not counted.
     * @return the p50 (as the figure), p99 and p99.9 in µs, from an HdrHistogram of three significant digits.
     */
    static Trial ofLatencies(final long[] nanos, final int from)
    {
        final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        for (int i = from; i < nanos.length; i++)
        {
            histogram.recordValue(Math.min(nanos[i], HIGHEST_NANOS));
        }
        final Percentiles percentiles = new Percentiles(
            histogram.getValueAtPercentile(50) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.9) / 1e3);
        return new Trial(percentiles.p50(), percentiles);
    }

    static boolean isLine(final String line)
    {
        return line.startsWith(PREFIX);
    }

    static Trial parse(final String line)
    {
        final String[] words = line.trim().split("\\s+");
        if (!isLine(line) || (2 != words.length && !(6 == words.length && "percentiles".equals(words[2]))))
        {
            throw new IllegalArgumentException("not a trial line: '" + line + "'");
        }
        final double figure = Double.parseDouble(words[1]);
        return 2 == words.length ? of(figure) : new Trial(figure, new Percentiles(
            Double.parseDouble(words[3]), Double.parseDouble(words[4]), Double.parseDouble(words[5])));
    }

    String toLine()
    {
        return null == percentiles ? String.format(Locale.ROOT, "%s%.4f", PREFIX, figure) :
            String.format(Locale.ROOT, "%s%.4f percentiles %.4f %.4f %.4f",
                PREFIX, figure, percentiles.p50(), percentiles.p99(), percentiles.p999());
    }
}
