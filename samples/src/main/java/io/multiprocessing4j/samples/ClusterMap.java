package io.multiprocessing4j.samples;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.cluster.ClusterPool;
import io.multiprocessing4j.cluster.LocalCluster;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Beyond one machine: a CPU-bound map (primes, block by block) over three cluster members, here child JVMs on
 * loopback as they would be JVMs on three hosts; one member is killed with SIGKILL a third of the way through, and
 * the map completes all the same, the chunks it held retried on the two members left.
 */
final class ClusterMap
{
    private static final int BLOCK = 40_000;

    private ClusterMap()
    {
    }

    static void main(final String[] args) throws Exception
    {
        final int blocks = 0 == args.length ? 48 : Integer.parseInt(args[0]);
        try (LocalCluster cluster = LocalCluster.start("cluster-map", 3);
             Pool pool = ClusterPool.connect(cluster.config(2)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (pool.workerPids().size() < 3 && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            System.out.println(pool.workerPids().size() + " members proved the key: pids " +
                pool.workerPids().stream().sorted().collect(Collectors.toList()));

            final CountDownLatch third = new CountDownLatch(1);
            final List<Integer> arguments = IntStream.range(0, blocks).boxed().collect(Collectors.toList());
            final AsyncResult<List<Integer>> counts = pool.mapAsync(ClusterMap::primesInBlock, arguments, 1)
                .onProgress((done, total) ->
                {
                    if (3 * done >= total)
                    {
                        third.countDown();
                    }
                });
            if (!third.await(120, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("the map did not get a third of the way in 120 s: " + pool);
            }
            final JvmProcess victim = cluster.member(0);
            victim.kill();
            System.out.println("killed member pid " + victim.pid() + " with SIGKILL a third of the way through");

            final int primes = counts.get(120, TimeUnit.SECONDS).stream().mapToInt(Integer::intValue).sum();
            final int expected = arguments.stream().mapToInt(ClusterMap::primesInBlock).sum();
            if (primes != expected)
            {
                throw new IllegalStateException("the map counted " + primes + " primes; counted here, " + expected);
            }
            System.out.println("the map completed on the members left: " + primes + " primes below " +
                blocks * BLOCK + ", as counted here");
        }
    }

    static int primesInBlock(final int block)
    {
        int primes = 0;
        for (int n = Math.max(2, block * BLOCK); n < (block + 1) * BLOCK; n++)
        {
            boolean prime = true;
            for (int d = 2; d * d <= n; d++)
            {
                if (0 == n % d)
                {
                    prime = false;
                    break;
                }
            }
            if (prime)
            {
                primes++;
            }
        }
        return primes;
    }
}
