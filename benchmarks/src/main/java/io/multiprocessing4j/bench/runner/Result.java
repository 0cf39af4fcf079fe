package io.multiprocessing4j.bench.runner;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One workload's trials, by side: {@link Workload#OURS}, {@link Workload#PYTHON} and each anchor, in the order
 * they were added.
 */
final class Result
{
    private final Workload workload;
    private final Map<String, List<Trial>> trials = new LinkedHashMap<>();

    Result(final Workload workload)
    {
        this.workload = workload;
    }

    Result add(final String side, final List<Trial> sideTrials)
    {
        if (sideTrials.isEmpty())
        {
            throw new IllegalArgumentException(workload.name() + ": no " + side + " trials");
        }
        trials.put(side, List.copyOf(sideTrials));
        return this;
    }

    Workload workload()
    {
        return workload;
    }

    /**
     * @return the sides measured, {@code ours} and {@code python} first.
     */
    List<String> sides()
    {
        return List.copyOf(trials.keySet());
    }

    boolean has(final String side)
    {
        return trials.containsKey(side);
    }

    double median(final String side)
    {
        return median(figures(side, Trial::figure));
    }

    double min(final String side)
    {
        return Arrays.stream(figures(side, Trial::figure)).min().orElseThrow();
    }

    double max(final String side)
    {
        return Arrays.stream(figures(side, Trial::figure)).max().orElseThrow();
    }

    boolean hasPercentiles(final String side)
    {
        return trials.get(side).stream().allMatch(trial -> null != trial.percentiles());
    }

    /**
     * @return each percentile's median over the side's trials.
     */
    Trial.Percentiles percentiles(final String side)
    {
        return new Trial.Percentiles(
            median(figures(side, trial -> trial.percentiles().p50())),
            median(figures(side, trial -> trial.percentiles().p99())),
            median(figures(side, trial -> trial.percentiles().p999())));
    }

    /**
     * @return how many times better than Python's median {@code side}'s median is (above 1: better).
     */
    double vsPython(final String side)
    {
        final double python = median(Workload.PYTHON);
        final double figure = median(side);
        return workload.higherIsBetter() ? figure / python : python / figure;
    }

    private double[] figures(final String side, final ToDoubleFunction<Trial> figure)
    {
        final List<Trial> sideTrials = trials.get(side);
        if (null == sideTrials)
        {
            throw new IllegalArgumentException(workload.name() + " has no " + side + " trials");
        }
        return sideTrials.stream().mapToDouble(figure).toArray();
    }

    static double median(final double[] values)
    {
        if (0 == values.length)
        {
            throw new IllegalArgumentException("no trials");
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int mid = sorted.length / 2;
        return 0 == sorted.length % 2 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
    }
}
