package io.multiprocessing4j.cluster;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.function.PoolFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Members killed with SIGKILL in the middle of maps: each map returns (its lost chunks retried on the members left)
 * or, with no retry left, fails with {@link MemberLostException} naming the member, within 5 s of the kill; none
 * hangs, and the pool goes on.
 */
class ClusterMemberKillTest
{
    private static final int TRIALS = 20;
    private static final long WITHIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void everyMapReturnsOrFailsWithinFiveSecondsOfAKill() throws Exception
    {
        final List<Integer> numbers = IntStream.range(0, 120).boxed().collect(Collectors.toList());
        final List<Integer> expected = numbers.stream().map(x -> x + 1).collect(Collectors.toList());
        final PoolFunction<Integer, Integer> slow = x ->
        {
            Thread.sleep(10);
            return x + 1;
        };
        try (LocalCluster cluster = LocalCluster.start("kill-test", 1);
             Pool retrying = ClusterPool.connect(cluster.config(1));
             Pool once = ClusterPool.connect(cluster.config(0)))
        {
            int retried = 0;
            int failed = 0;
            long slowest = 0;
            for (int trial = 0; trial < TRIALS; trial++)
            {
                final JvmProcess victim = cluster.addMember();
                ClusterPoolTest.awaitMembers(retrying, 2);
                ClusterPoolTest.awaitMembers(once, 2);
                final Pool pool = 0 == trial % 2 ? retrying : once;
                final CountDownLatch started = new CountDownLatch(1);
                final AsyncResult<List<Integer>> map = pool.mapAsync(slow, numbers, 2)
                    .onProgress((done, total) ->
                    {
                        if (done >= 8)
                        {
                            started.countDown();
                        }
                    });
                assertTrue(started.await(60, TimeUnit.SECONDS), "trial " + trial + ": the map did not start");
                victim.kill();
                final long killed = System.nanoTime();
                try
                {
                    assertEquals(expected, map.get(5, TimeUnit.SECONDS), "trial " + trial);
                    retried++;
                }
                catch (final ExecutionException ex)
                {
                    assertTrue(pool == once, "trial " + trial + ": a map with a retry left failed: " + ex.getCause());
                    assertInstanceOf(MemberLostException.class, ex.getCause());
                    assertTrue(ex.getCause().getMessage().contains("pid " + victim.pid()), ex.getCause().getMessage());
                    failed++;
                }
                catch (final TimeoutException ex)
                {
                    fail("trial " + trial + ": the map neither returned nor failed within 5 s of the kill: " + pool);
                }
                slowest = Math.max(slowest, System.nanoTime() - killed);
                assertTrue(System.nanoTime() - killed < WITHIN_NANOS);
                victim.join(java.time.Duration.ofSeconds(30));
                assertEquals(List.of(2, 3), pool.map(x -> x + 1, List.of(1, 2)), "the pool goes on");
                awaitMemberGone(retrying, victim.pid());
                awaitMemberGone(once, victim.pid());
            }
            System.out.printf("%d kills: %d maps returned, %d failed with MemberLostException; the slowest ended " +
                "%.0f ms after its kill%n", TRIALS, retried, failed, slowest / 1e6);
            assertTrue(retried >= TRIALS / 2, "maps with a retry left all returned: " + retried);
            assertTrue(failed > 0, "no map without a retry lost a chunk to a kill");
        }
    }

    private static void awaitMemberGone(final Pool pool, final long pid) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.workerPids().contains(pid))
        {
            assertTrue(System.nanoTime() < deadline, "member " + pid + " is still in " + pool);
            Thread.sleep(20);
        }
    }
}
