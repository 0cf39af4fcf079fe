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
 *   <li>{@code pool-apply-roundtrip}: p50, p99 and p99.9 µs of sequential {@code applyAsync(square, i).get()}, after as
 *       many untimed;</li>
 *   <li>{@code pool-map-trivial[-chunk1]}: tasks/s of {@code map(square, 0..n)} with Python's default chunks (or 1),
 *       after untimed maps for three seconds and at least {@value #WARM_UP_MAPS} (the worker JVMs' JIT warm-up: here
 *       a fresh pool's map of 100,000 ints still takes 2-3 ms one second in and settles at ~0.6 ms only after about
 *       two, so a one-second warm-up timed the tail; Python, with no JIT, warms for one second), from the median
 *       of {@value #TIMED_MAPS} timed maps, or of those run in the first second (one map of 100,000 ints lasts
 *       well under a millisecond here, so a single one measures the machine's noise);</li>
 *   <li>{@code pool-map-primitive}: the same over an {@code int[]} through the codec-free path, against Python's
 *       default-chunk map;</li>
 *   <li>{@code pool-map-records}: tasks/s of {@code map(moved, points)} over {@code n} {@code record Point(int x,
 *       double y)} returning a {@code Point}, default chunks, timed as the maps above (Python: a {@code namedtuple});
 *       a chunk of records travels each way as one block of fixed-layout rows, with no codec call;</li>
 *   <li>{@code executor-submit-roundtrip}: the same for {@code ProcessPoolExecutor.submit(...).get()};</li>
 *   <li>{@code pool-cpu-speedup}: serial time over pool time for 64 calls of a ~10 ms CPU-bound function, after
 *       one untimed round in the workers.</li>
 * </ul>
 * Each trial starts a fresh pool.
 */
final class PoolWorkload implements Workload
{
    private static final int WARM_UP_MAPS = 5;
    private static final long WARM_UP_NS = 3_000_000_000L;
    private static final int TIMED_MAPS = 5;
    private static final long TIMED_NS = 1_000_000_000L;
    private static final long TASK_NS = 10_000_000L;

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
            case "apply": return "us per applyAsync+get round trip (p50), 2 workers";
            case "map": return "tasks per s, map of " + n + " ints, " + (0 == chunksize ? "default chunks" :
                "chunksize " + chunksize);
            case "map-array": return "tasks per s, map of an int[" + n + "] (Python: its default-chunk map of " + n +
                " ints)";
            case "map-records": return "tasks per s, map of " + n + " record Point(int x, double y) returning a " +
                "Point, default chunks (Python: namedtuples)";
            case "executor": return "us per ProcessPoolExecutor submit+get round trip (p50), 2 workers";
            default: return "speedup over serial, 64 x 10 ms CPU-bound tasks, 2 workers";
        }
    }

    public boolean higherIsBetter()
    {
        return !"apply".equals(mode) && !"executor".equals(mode);
    }

    public List<String> anchors()
    {
        return List.of();
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("pool_bench.py", "--mode", "map-array".equals(mode) ? "map" : mode, "--n", "" + n,
            "--chunksize", "" + chunksize,
            "--trials", "" + trials);
    }

    public Trial trial(final String ignored) throws Exception
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
                    return Trial.ofLatencies(times, n);
                }
                case "map":
                {
                    final List<Integer> arguments = IntStream.range(0, n).boxed().toList();
                    return Trial.of(mapsPerSecond(n, () ->
                    {
                        if (0 == chunksize)
                        {
                            pool.map(PoolWorkload::square, arguments);
                        }
                        else
                        {
                            pool.map(PoolWorkload::square, arguments, chunksize);
                        }
                    }));
                }
                case "map-records":
                {
                    final List<Point> points = IntStream.range(0, n).mapToObj(i -> new Point(i, i / 2.0)).toList();
                    return Trial.of(mapsPerSecond(n, () -> pool.map(PoolWorkload::moved, points)));
                }
                case "map-array":
                {
                    final int[] arguments = IntStream.range(0, n).toArray();
                    return Trial.of(mapsPerSecond(n, () -> pool.map(PoolWorkload::square, arguments)));
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
                    return Trial.of(serial / (double)(System.nanoTime() - start));
                }
            }
        }
    }

    /**
     * Warms, then times, through one call site: a timed loop of its own would first run what the JIT had
     * inlined into the warm-up loop's on-stack-replaced code in the interpreter (~5 ms for one map here).
     */
    static double mapsPerSecond(final int n, final MapCall map) throws Exception
    {
        final long warmUntil = System.nanoTime() + WARM_UP_NS;
        for (int i = 0; i < WARM_UP_MAPS || System.nanoTime() - warmUntil < 0; i++)
        {
            timed(map);
        }
        final long[] times = new long[TIMED_MAPS];
        int timed = 0;
        for (long spent = 0; timed < times.length && spent < TIMED_NS; spent += times[timed++])
        {
            times[timed] = timed(map);
        }
        return n / (median(Arrays.copyOf(times, timed)) / 1e9);
    }

    private static long timed(final MapCall map) throws Exception
    {
        final long start = System.nanoTime();
        map.run();
        return System.nanoTime() - start;
    }

    interface MapCall
    {
        void run() throws Exception;
    }

    private Trial executorRoundTrip() throws Exception
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
            return Trial.ofLatencies(times, n);
        }
    }

    static int square(final int x)
    {
        return x * x;
    }

    /**
     * A plain record: it travels as a fixed-layout row.
     */
    record Point(int x, double y)
    {
    }

    static Point moved(final Point point)
    {
        return new Point(point.x() + 1, point.y() * 2);
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

    /**
     * @return the argument of {@link #burn} that runs ~10 ms once compiled (doubling until a call took 10 ms
     * would stop at whatever the interpreter and the JIT's first tiers made of it).
     */
    static int calibrate()
    {
        final int probe = 1_000_000;
        for (int i = 0; i < 50; i++)
        {
            burn(probe);
        }
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++)
        {
            final long start = System.nanoTime();
            burn(probe);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return (int)Math.min(Integer.MAX_VALUE, probe * TASK_NS / fastest);
    }

    static double median(final long[] times)
    {
        final long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
