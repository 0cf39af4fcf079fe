package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessPoolExecutor;
import io.multiprocessing4j.function.SerializableCallable;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The pool workloads, with 2 workers on every side ({@code pool_bench.py} for Python's {@code Pool}):
 * <ul>
 *   <li>{@code pool-apply-roundtrip}: median µs of sequential {@code applyAsync(square, i).get()}, after as many untimed;</li>
 *   <li>{@code pool-map-trivial[-chunk1]}: tasks/s of {@code map(square, 0..n)} with Python's default chunks (or 1),
 *       after untimed maps for a second and at least {@value #WARM_UP_MAPS} (the JIT's warm-up; Python does the same);</li>
 *   <li>{@code pool-map-primitive}: the same over an {@code int[]} through the codec-free path, against Python's
 *       default-chunk map;</li>
 *   <li>{@code executor-submit-roundtrip}: median µs of sequential {@code ProcessPoolExecutor.submit(...).get()};</li>
 *   <li>{@code pool-cpu-speedup}: serial time over pool time for 64 calls of a ~10 ms CPU-bound function, after
 *       one untimed round in the workers.</li>
 * </ul>
 * Each trial starts a fresh pool.
 */
final class PoolWorkload implements Workload
{
    private static final int WARM_UP_MAPS = 5;
    private static final long WARM_UP_NS = 1_000_000_000L;

    private final String name;
    private final String mode;
    private final int n;
    private final int chunksize;

    PoolWorkload(final String name, final String mode, final int n, final int chunksize)
    {
        this.name = name;
        this.mode = mode;
        this.n = n;
        this.chunksize = chunksize;
    }

    public String name()
    {
        return name;
    }

    public String unit()
    {
        switch (mode)
        {
            case "apply": return "us per applyAsync+get round trip (median), 2 workers";
            case "map": return "tasks per s, map of " + n + " ints, " + (0 == chunksize ? "default chunks" : "chunksize " + chunksize);
            case "map-array": return "tasks per s, map of an int[" + n + "] (Python: its default-chunk map of " + n + " ints)";
            case "executor": return "us per ProcessPoolExecutor submit+get round trip (median), 2 workers";
            default: return "speedup over serial, 64 x 10 ms CPU-bound tasks, 2 workers";
        }
    }

    public boolean higherIsBetter()
    {
        return !"apply".equals(mode) && !"executor".equals(mode);
    }

    public boolean hasAgrona()
    {
        return false;
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("pool_bench.py", "--mode", "map-array".equals(mode) ? "map" : mode, "--n", "" + n,
            "--chunksize", "" + chunksize,
            "--trials", "" + trials);
    }

    public double trial(final String ignored) throws Exception
    {
        if ("executor".equals(mode))
        {
            return executorRoundTrip();
        }
        try (Pool pool = Pool.create(2))
        {
            switch (mode)
            {
                case "apply":
                {
                    final long[] times = new long[2 * n];
                    for (int i = 0; i < times.length; i++)
                    {
                        final long start = System.nanoTime();
                        pool.applyAsync(PoolWorkload::square, i).get();
                        times[i] = System.nanoTime() - start;
                    }
                    final long[] timed = Arrays.copyOfRange(times, n, times.length);
                    Arrays.sort(timed);
                    return timed[timed.length / 2] / 1e3;
                }
                case "map":
                {
                    final List<Integer> arguments = IntStream.range(0, n).boxed().toList();
                    final long warmUntil = System.nanoTime() + WARM_UP_NS;
                    for (int i = 0; i < WARM_UP_MAPS || System.nanoTime() - warmUntil < 0; i++)
                    {
                        pool.map(PoolWorkload::square, arguments, chunksize);
                    }
                    final long start = System.nanoTime();
                    pool.map(PoolWorkload::square, arguments, chunksize);
                    return n / ((System.nanoTime() - start) / 1e9);
                }
                case "map-array":
                {
                    final int[] arguments = IntStream.range(0, n).toArray();
                    final long warmUntil = System.nanoTime() + WARM_UP_NS;
                    for (int i = 0; i < WARM_UP_MAPS || System.nanoTime() - warmUntil < 0; i++)
                    {
                        pool.map(PoolWorkload::square, arguments);
                    }
                    final long start = System.nanoTime();
                    pool.map(PoolWorkload::square, arguments);
                    return n / ((System.nanoTime() - start) / 1e9);
                }
                default:
                {
                    final int work = calibrate();
                    final List<Integer> tasks = Collections.nCopies(64, work);
                    pool.map(PoolWorkload::burn, tasks, 1);
                    long start = System.nanoTime();
                    for (final int task : tasks)
                    {
                        burn(task);
                    }
                    final long serial = System.nanoTime() - start;
                    start = System.nanoTime();
                    pool.map(PoolWorkload::burn, tasks, 1);
                    return serial / (double)(System.nanoTime() - start);
                }
            }
        }
    }

    private double executorRoundTrip() throws Exception
    {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2))
        {
            final long[] times = new long[2 * n];
            for (int i = 0; i < times.length; i++)
            {
                final int x = i;
                final long start = System.nanoTime();
                executor.submit((SerializableCallable<Integer>)() -> square(x)).get();
                times[i] = System.nanoTime() - start;
            }
            final long[] timed = Arrays.copyOfRange(times, n, times.length);
            Arrays.sort(timed);
            return timed[timed.length / 2] / 1e3;
        }
    }

    static int square(final int x)
    {
        return x * x;
    }

    static long burn(final int n)
    {
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            total += (long)i * i % 7;
        }
        return total;
    }

    private static int calibrate()
    {
        for (int i = 0; i < 5; i++)
        {
            burn(1_000_000);
        }
        int n = 100_000;
        while (true)
        {
            final long start = System.nanoTime();
            burn(n);
            if (System.nanoTime() - start >= 10_000_000L)
            {
                return n;
            }
            n *= 2;
        }
    }
}
