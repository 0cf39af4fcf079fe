package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Pool} with real worker JVMs.
 */
final class PoolTest
{
    static int square(final int x)
    {
        return x * x;
    }

    static long pid(final int ignored)
    {
        return ProcessHandle.current().pid();
    }

    static int fail(final int x)
    {
        throw new IllegalArgumentException("bad argument " + x);
    }

    static int sleepThenSquare(final int x) throws InterruptedException
    {
        Thread.sleep(x);
        return x * x;
    }

    private static List<Integer> range(final int n)
    {
        return IntStream.range(0, n).boxed().toList();
    }

    static long pidAfterSleeping(final int millis) throws InterruptedException
    {
        Thread.sleep(millis);
        return ProcessHandle.current().pid();
    }

    @Test
    void aLongTaskHoldsAtMostOneOtherTaskBehindItWhileTheOtherWorkerRunsTheRest() throws Exception
    {
        try (Pool pool = Pool.create(2))
        {
            final List<Integer> sleeps = List.of(3_000, 20, 20, 20, 20, 20, 20, 20, 20, 20);
            final List<Long> pids = pool.mapAsync(PoolTest::pidAfterSleeping, sleeps, 1).get(60, TimeUnit.SECONDS);
            final long slow = pids.get(0);
            assertTrue(pids.stream().filter(pid -> pid == slow).count() <= 2,
                "the worker running the 3 s task ran these tasks too: " + pids);
        }
    }

    @Test
    void mapsSquaresInOrderWithAndWithoutChunksAndAnEmptyInput() throws Exception
    {
        try (Pool pool = Pool.create(4))
        {
            assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), pool.map(PoolTest::square, range(10)));
            assertEquals(range(200).stream().mapToInt(PoolTest::square).sum(),
                pool.map(PoolTest::square, range(200), 1).stream().mapToInt(Integer::intValue).sum());
            assertEquals(List.of(), pool.map(PoolTest::square, List.<Integer>of()));
            assertEquals(49, pool.apply(PoolTest::square, 7));
            assertEquals("null", pool.apply(String::valueOf, null), "a null argument travels, as Python's None does");
            assertEquals(List.of(2, 12, 30), pool.starmap((Integer x, Integer y) -> x * y,
                List.of(java.util.Map.entry(1, 2), java.util.Map.entry(3, 4), java.util.Map.entry(5, 6))));
            final Iterator<Integer> squares = pool.imap(PoolTest::square, Stream.iterate(0, i -> i + 1).iterator(), 3);
            for (int i = 0; i < 100; i++)
            {
                assertEquals(i * i, squares.next());
            }
            final Set<Integer> unordered = new HashSet<>();
            pool.imapUnordered(PoolTest::square, range(50)).forEachRemaining(unordered::add);
            assertEquals(50, unordered.size());
        }
    }

    @Test
    void aMapOf200ItemsOverEightWorkersSumsAsExpected() throws Exception
    {
        try (Pool pool = Pool.create(8))
        {
            assertEquals(range(200).stream().mapToInt(PoolTest::square).sum(),
                pool.map(PoolTest::square, range(200)).stream().mapToInt(Integer::intValue).sum());
            assertEquals(8, new HashSet<>(pool.workerPids()).size());
        }
    }

    @Test
    void callbacksRunOnceAndFailuresCarryTheirTypeMessageAndRemoteTrace() throws Exception
    {
        try (Pool pool = Pool.create(2))
        {
            final AtomicInteger called = new AtomicInteger();
            final CompletableFuture<Throwable> error = new CompletableFuture<>();
            assertEquals(36, pool.applyAsync(PoolTest::square, 6, value -> called.incrementAndGet(), error::complete)
                .get(30, TimeUnit.SECONDS));
            final AsyncResult<Integer> failed = pool.applyAsync(PoolTest::fail, 3, value -> called.incrementAndGet(),
                error::complete);
            final ExecutionException thrown = assertThrows(ExecutionException.class, () -> failed.get(30,
                TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, thrown.getCause());
            assertEquals("bad argument 3", thrown.getCause().getMessage());
            assertTrue(List.of(thrown.getCause().getStackTrace()).stream().anyMatch(
                frame -> frame.getMethodName().equals("fail")), "the remote stack trace names the function");
            assertEquals(thrown.getCause(), error.get(30, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals(1, called.get());
            assertTrue(failed.ready());
            assertTrue(!failed.successful());
            assertThrows(ExecutionException.class, () -> pool.map(PoolTest::fail, range(20)),
                "the first failure fails the map");
            assertEquals(4, pool.apply(PoolTest::square, 2), "the pool still works");
        }
    }

    @Test
    void aSlowResultTimesOutOnTimeAndTerminateReturnsWithinASecond() throws Exception
    {
        final Pool pool = Pool.create(1);
        final AsyncResult<Integer> slow = pool.applyAsync(PoolTest::sleepThenSquare, 60_000);
        final long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> slow.get(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        final long terminating = System.nanoTime();
        pool.terminate();
        assertTrue(System.nanoTime() - terminating < TimeUnit.SECONDS.toNanos(1), "terminate took too long");
        assertInstanceOf(CancellationException.class,
            assertThrows(ExecutionException.class, () -> slow.get(1, TimeUnit.SECONDS)).getCause());
        assertThrows(IllegalStateException.class, () -> pool.apply(PoolTest::square, 1));
    }

    @Test
    void workersAreReplacedAfterMaxTasksPerChildAndEachRunsTheInitializerOnce() throws Exception
    {
        try (ShmContext shm = ShmContext.create();
             SharedLong initialized = SharedLong.create(shm, 0))
        {
            final List<Long> pids;
            try (Pool pool = Pool.builder().processes(2).maxTasksPerChild(10)
                .initializer(() -> initialized.incrementAndGet()).build())
            {
                pids = pool.map(PoolTest::pid, range(60), 1);
            }
            final Set<Long> distinct = new HashSet<>(pids);
            assertTrue(distinct.size() >= 6, "60 tasks at most 10 per worker: " + distinct.size() + " workers");
            assertTrue(initialized.get() >= distinct.size(), "the initializer ran in every worker that ran a task");
        }
    }

    /**
     * Python's {@code Pool} starts workers for ever when its initializer raises, and {@code map} hangs. Here a pool
     * whose first worker cannot start fails to build, with the initializer's exception.
     */
    @Test
    void aPoolWhoseFirstWorkerCannotStartFailsToBuildWithItsException()
    {
        final ProcessStartException failed = assertThrows(ProcessStartException.class,
            () -> Pool.builder().processes(2).initializer(PoolTest::noDatabase).build().close());
        assertTrue(failed.getMessage().contains("ended before it was ready") &&
            failed.getMessage().contains("no database here"), failed.getMessage());
    }

    /**
     * A pool whose replacement workers cannot start (here: the initializer fails from the second worker on, and each
     * worker retires after one task) is broken after three in a row: the waiting tasks fail with the initializer's
     * exception, and so does the next call, instead of workers being started for ever (here: the first, and three or
     * four that fail: one more may start while the third failure is counted).
     */
    @Test
    void aPoolWhoseReplacementsCannotStartIsBrokenNotRespawnedForEver() throws Exception
    {
        try (ShmContext shm = ShmContext.create(); SharedLong starts = SharedLong.create(shm, 0);
             Pool pool = Pool.builder().processes(1).maxTasksPerChild(1).initializer(() ->
             {
                 if (starts.getAndIncrement() > 0)
                 {
                     noDatabase();
                 }
             }).build())
        {
            final AsyncResult<List<Integer>> squares = pool.mapAsync(PoolTest::square, range(4), 1);
            final ExecutionException failed =
                assertThrows(ExecutionException.class, () -> squares.get(Duration.ofSeconds(60)));
            final Throwable cause = failed.getCause();
            assertInstanceOf(ProcessStartException.class, cause);
            assertTrue(cause.getMessage().contains("no database here"), cause.getMessage());
            Throwable next = null;
            try
            {
                pool.applyAsync(PoolTest::square, 1).get(Duration.ofSeconds(60));
            }
            catch (final ProcessStartException ex)
            {
                next = ex;
            }
            catch (final ExecutionException ex)
            {
                next = ex.getCause();
            }
            assertInstanceOf(ProcessStartException.class, next);
            assertTrue(next.getMessage().contains("no database here"), next.getMessage());
            assertTrue(starts.get() <= 6, "workers kept being started: " + starts.get());
        }
    }

    static void noDatabase()
    {
        throw new IllegalStateException("no database here");
    }

    /**
     * CPython's {@code test_imap_handle_iterable_exception}: the results before the chunk the arguments failed
     * in come first, then {@code next()} throws what the arguments threw; {@code imap} itself does not.
     */
    @Test
    void imapOverArgumentsThatThrowYieldsTheResultsBeforeThenRaises() throws Exception
    {
        try (Pool pool = Pool.create(2))
        {
            final int[][] cases = {{10, 3, 1, 3}, {20, 7, 2, 6}, {20, 7, 4, 4}};
            for (final int[] c : cases)
            {
                final Iterator<Integer> results = pool.imap(PoolTest::square, throwingAt(c[0], c[1]), c[2]);
                for (int i = 0; i < c[3]; i++)
                {
                    assertEquals(i * i, results.next(), "chunksize " + c[2]);
                }
                final SayWhenException raised = assertThrows(SayWhenException.class, results::next);
                assertEquals("somebody said when at " + c[1], raised.getMessage());
                assertFalse(results.hasNext());
            }
            final Set<Integer> unordered = new HashSet<>();
            final Iterator<Integer> results = pool.imapUnordered(PoolTest::square, throwingAt(20, 7), 2);
            assertThrows(SayWhenException.class, () -> results.forEachRemaining(unordered::add));
            assertEquals(Set.of(0, 1, 4, 9, 16, 25), unordered, "every chunk before the failing one");
            assertEquals(List.of(0, 1, 4), pool.map(PoolTest::square, range(3)), "the pool goes on");
        }
    }

    static final class SayWhenException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        SayWhenException(final String message)
        {
            super(message);
        }
    }

    /**
     * CPython's {@code exception_throwing_generator(total, when)}.
     */
    private static Iterator<Integer> throwingAt(final int total, final int when)
    {
        return new Iterator<>()
        {
            private int next;

            public boolean hasNext()
            {
                return next < total;
            }

            public Integer next()
            {
                if (next == when)
                {
                    throw new SayWhenException("somebody said when at " + when);
                }
                return next++;
            }
        };
    }

    @Test
    void aWorkerKilledMidMapFailsItsTasksNamingItOrTheyAreRetried() throws Exception
    {
        try (Pool pool = Pool.create(2))
        {
            final AsyncResult<List<Integer>> map = pool.mapAsync(PoolTest::sleepThenSquare, List.of(5_000, 5_000), 1);
            Thread.sleep(500);
            final long victim = pool.workerPids().get(0);
            final long killedAt = System.nanoTime();
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            final ExecutionException failed = assertThrows(ExecutionException.class, () -> map.get(30,
                TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(1), "the map failed within a second");
            assertInstanceOf(WorkerDiedException.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().contains("pid " + victim), failed.getCause().getMessage());
            assertEquals(9, pool.apply(PoolTest::square, 3), "the pool replaced the worker");
        }
        try (Pool pool = Pool.builder().processes(2).retries(2).build())
        {
            final AsyncResult<List<Integer>> map = pool.mapAsync(PoolTest::sleepThenSquare, List.of(1_000, 1_000, 1, 2),
                1);
            Thread.sleep(400);
            ProcessHandle.of(pool.workerPids().get(0)).ifPresent(ProcessHandle::destroyForcibly);
            assertEquals(List.of(1_000_000, 1_000_000, 1, 4), map.get(60, TimeUnit.SECONDS),
                "retried on another worker");
        }
    }

    @Test
    void badArgumentsAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> Pool.create(0));
        assertThrows(NullPointerException.class, () -> Pool.builder().initializer(null));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(-1));
    }

    /**
     * A callback runs on the result thread when no caller waits; terminating the pool from it must not wait for
     * that thread to end (it took the 10 s join timeout before the result thread became an agent).
     */
    @Test
    void aCallbackOnTheResultThreadMayTerminateThePool() throws Exception
    {
        final Pool pool = Pool.create(1);
        final CompletableFuture<Long> terminated = new CompletableFuture<>();
        pool.applyAsync(PoolTest::square, 3, result ->
        {
            final long start = System.nanoTime();
            pool.terminate();
            terminated.complete(System.nanoTime() - start);
        }, terminated::completeExceptionally);
        final long took = terminated.get(30, TimeUnit.SECONDS);
        assertTrue(pool.isTerminated());
        assertTrue(took < TimeUnit.SECONDS.toNanos(5), "terminate() took " + took / 1_000_000 + " ms");
    }
}
