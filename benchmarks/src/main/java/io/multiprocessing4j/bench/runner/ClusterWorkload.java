package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.cluster.ClusterPool;
import io.multiprocessing4j.cluster.LocalCluster;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The cluster workloads, on {@value #MEMBERS} members in child JVMs on loopback ({@link LocalCluster}), each trial on
 * a fresh cluster:
 * <ul>
 *   <li>{@code cluster-map-trivial}: tasks/s of a {@code ClusterPool} map of 100,000 ints with default chunks,
 *       warmed and timed as {@code pool-map-trivial}; the {@code hazelcast} anchor submits one task per item to
 *       plain Hazelcast members ({@link RawHazelcast}); Python's side is its local {@code Pool.map} on 2 workers,
 *       the nearest it has;</li>
 *   <li>{@code cluster-cpu-speedup}: serial time in this JVM over the cluster map's time for 64 calls of a
 *       ~10 ms CPU-bound function (fixed work, calibrated here), chunksize 1, after untimed maps for ten seconds,
 *       from the median of {@value #TIMED_MAPS} timed maps; Python's side is its local pool's speedup. The
 *       warm-up reaches the steady state: each member's JIT compiles a chunk's path through Hazelcast's operation
 *       service only after some hundreds of chunks (three seconds in, each member still compiled about 60 methods
 *       a second), and the driver's JIT compiles Hazelcast's client; timed after three seconds, the speedup was
 *       1.44-1.52.</li>
 * </ul>
 */
final class ClusterWorkload implements Workload
{
    static final String HAZELCAST = "hazelcast";
    private static final int MEMBERS = 2;
    /** Items the raw anchor submits per trial: at ~0.6 ms a task, 100,000 would take a minute. */
    private static final int RAW_ITEMS = 5_000;
    private static final long WARM_UP_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int TIMED_MAPS = 3;

    private final String name;
    private final boolean cpu;
    private final int n;

    ClusterWorkload(final String name, final boolean cpu, final int n)
    {
        this.name = name;
        this.cpu = cpu;
        this.n = n;
    }

    public String name()
    {
        return name;
    }

    public String unit()
    {
        return cpu ? "speedup over serial, 64 x 10 ms CPU-bound tasks, 2 cluster members on loopback (Python: its " +
            "local Pool of 2)" : "tasks per s, map of " + n + " ints over 2 cluster members on loopback, default " +
            "chunks (Python: its local Pool of 2; hazelcast: one IExecutorService task per item)";
    }

    public boolean higherIsBetter()
    {
        return true;
    }

    public List<String> anchors()
    {
        return cpu ? List.of() : List.of(HAZELCAST);
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("pool_bench.py", "--mode", cpu ? "cpu" : "map", "--n", "" + n, "--chunksize", cpu ? "1" : "0",
            "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        if (HAZELCAST.equals(mode))
        {
            return Trial.of(RawHazelcast.itemsPerSecond(MEMBERS, RAW_ITEMS));
        }
        try (LocalCluster cluster = LocalCluster.start(name + "-" + ProcessHandle.current().pid(), MEMBERS);
             Pool pool = ClusterPool.connect(cluster.config(0)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (pool.workerPids().size() < MEMBERS)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the members did not all join: " + pool);
                }
                Thread.sleep(20);
            }
            if (cpu)
            {
                final List<Integer> tasks = Collections.nCopies(n, PoolWorkload.calibrate());
                // Every JVM's JIT compiles Hazelcast's paths for seconds, taking the cores the members compute on.
                final long warmUntil = System.nanoTime() + WARM_UP_NS;
                do
                {
                    pool.map(PoolWorkload::burn, tasks, 1);
                }
                while (System.nanoTime() - warmUntil < 0);
                long start = System.nanoTime();
                for (final int task : tasks)
                {
                    PoolWorkload.burn(task);
                }
                final long serial = System.nanoTime() - start;
                final long[] times = new long[TIMED_MAPS];
                for (int i = 0; i < times.length; i++)
                {
                    start = System.nanoTime();
                    pool.map(PoolWorkload::burn, tasks, 1);
                    times[i] = System.nanoTime() - start;
                }
                return Trial.of(serial / PoolWorkload.median(times));
            }
            final List<Integer> arguments = IntStream.range(0, n).boxed().toList();
            return Trial.of(PoolWorkload.mapsPerSecond(n, () -> pool.map(PoolWorkload::square, arguments)));
        }
    }
}
