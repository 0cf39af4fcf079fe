package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.Pool;

import java.util.List;

/**
 * {@code pool-first-result}: milliseconds from {@code Pool.create(4)} to the result of its first
 * {@code map(square, [0, 1, 2, 3])}, what a program that starts a pool for one job waits; a trial is the median
 * of {@value #RUNS} fresh pools, each closed untimed. Python ({@code pool_first_result.py}) does the same with
 * its default start method. Issue 20's bar compares it with {@code process-start-join-spawn}: at most twice
 * one JVM start and join.
 */
final class PoolFirstResultWorkload implements Workload
{
    private static final int RUNS = 3;
    private static final List<Integer> ARGUMENTS = List.of(0, 1, 2, 3);

    public String name()
    {
        return "pool-first-result";
    }

    public String unit()
    {
        return "ms from Pool.create(4) to its first 4-item map's result";
    }

    public boolean higherIsBetter()
    {
        return false;
    }

    public List<String> anchors()
    {
        return List.of();
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("pool_first_result.py", "--runs", "" + RUNS, "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        final double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++)
        {
            final long start = System.nanoTime();
            try (Pool pool = Pool.create(4))
            {
                final List<Integer> squares = pool.map(PoolFirstResultWorkload::square, ARGUMENTS);
                millis[i] = (System.nanoTime() - start) / 1e6;
                if (!List.of(0, 1, 4, 9).equals(squares))
                {
                    throw new IllegalStateException("wrong result: " + squares);
                }
            }
        }
        return Trial.of(Result.median(millis));
    }

    static int square(final int x)
    {
        return x * x;
    }
}
