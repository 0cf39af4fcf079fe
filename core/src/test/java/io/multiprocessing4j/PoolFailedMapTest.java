package io.multiprocessing4j;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A map that has failed or been cancelled stops: its tasks no worker has begun are withdrawn, those waiting in
 * the pool and those already sent to a worker (issue 20: they kept the workers busy for seconds after the caller
 * had its exception). A task a worker has begun runs to its end, as in Python.
 */
final class PoolFailedMapTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int LONG_MS = 2_000;

    static int failFastOrSleep(final int millis) throws InterruptedException
    {
        if (0 == millis)
        {
            throw new IllegalArgumentException("fails at once");
        }
        Thread.sleep(millis);
        return millis;
    }

    @Test
    void aFailedMapsQueuedTasksAreWithdrawn() throws Exception
    {
        try (Pool pool = Pool.create(2))
        {
            final long start = System.nanoTime();
            // each worker holds a running task and the next one; the first task fails at once
            final AsyncResult<List<Integer>> map = pool.mapAsync(PoolFailedMapTest::failFastOrSleep,
                List.of(0, LONG_MS, LONG_MS, LONG_MS, LONG_MS, LONG_MS, LONG_MS, LONG_MS), 1);
            final ExecutionException failed = assertThrows(ExecutionException.class, () -> map.get(TIMEOUT));
            assertInstanceOf(IllegalArgumentException.class, failed.getCause());
            assertWorkersFreeWithin(pool, start, "after a failed map");
        }
    }

    @Test
    void aCancelledMapsQueuedTasksAreWithdrawn() throws Exception
    {
        try (Pool pool = Pool.create(2))
        {
            final long start = System.nanoTime();
            final AsyncResult<List<Integer>> map = pool.mapAsync(PoolFailedMapTest::failFastOrSleep,
                List.of(LONG_MS, LONG_MS, LONG_MS, LONG_MS, LONG_MS, LONG_MS), 1);
            Thread.sleep(300);
            assertTrue(map.cancel(true));
            assertThrows(CancellationException.class, () -> map.get(TIMEOUT));
            assertWorkersFreeWithin(pool, start, "after a cancelled map");
        }
    }

    /**
     * A progress listener runs under no lock of the pool's or the job's: here it waits for another thread that
     * registers a second listener on the same result, which blocked behind the job's monitor before.
     */
    @Test
    void aProgressListenerRunsUnderNoLock() throws Exception
    {
        try (Pool pool = Pool.create(2))
        {
            final AsyncResult<List<Integer>> map = pool.mapAsync(PoolTest::square, List.of(1, 2, 3, 4, 5, 6), 1);
            final List<Long> second = new java.util.concurrent.CopyOnWriteArrayList<>();
            final boolean[] registeredMeanwhile = new boolean[1];
            map.onProgress((done, total) ->
            {
                if (done > 0 && !registeredMeanwhile[0])
                {
                    final Thread other = new Thread(() -> map.onProgress((d, t) -> second.add(d)));
                    other.start();
                    try
                    {
                        other.join(5_000);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                    registeredMeanwhile[0] = !other.isAlive();
                }
            });
            assertEquals(List.of(1, 4, 9, 16, 25, 36), map.get(TIMEOUT));
            assertTrue(registeredMeanwhile[0], "another thread registered a listener while the first one ran");
            assertTrue(!second.isEmpty() && 6 == second.get(second.size() - 1), "the second is told: " + second);
        }
    }

    /**
     * Both workers are free once the tasks they had begun end, about one long task after the map began; without
     * the withdrawal each went on to the task queued behind it, about two.
     */
    private static void assertWorkersFreeWithin(final Pool pool, final long start, final String when)
        throws Exception
    {
        final AsyncResult<Integer> first = pool.applyAsync(PoolTest::square, 3);
        final AsyncResult<Integer> second = pool.applyAsync(PoolTest::square, 4);
        assertEquals(9, first.get(TIMEOUT));
        assertEquals(16, second.get(TIMEOUT));
        final long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // one long task plus the first task's start-up in each worker (up to a second here) is under two
        assertTrue(took < 2 * LONG_MS, "both workers free " + took + " ms " + when + " began");
    }
}
