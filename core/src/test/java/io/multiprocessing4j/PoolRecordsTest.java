package io.multiprocessing4j;

import io.multiprocessing4j.internal.value.ValueFormat;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedDoubleArray;
import io.multiprocessing4j.shm.value.SharedIntArray;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool's record paths with real worker JVMs: primitive maps without the codec, three-argument starmap,
 * progress, task timeouts, thread workers, and workers killed in the middle of long maps.
 */
final class PoolRecordsTest
{
    static long codecCalls(final int ignored)
    {
        return ValueFormat.codecCalls();
    }

    static int busySquare(final int x)
    {
        long spin = 0;
        for (int i = 0; i < 2_000; i++)
        {
            spin += i ^ x;
        }
        return x * x + (int)(spin & 0);
    }

    @Test
    void primitiveAndBoxedNumberMapsMakeNoCodecCall() throws Exception
    {
        try (Pool pool = Pool.create(1); ShmContext shm = ShmContext.create();
             SharedIntArray shared = SharedIntArray.create(shm, IntStream.range(0, 50_000).toArray());
             SharedDoubleArray halves = SharedDoubleArray.create(shm, 50_000))
        {
            final long workerBefore = pool.apply(PoolRecordsTest::codecCalls, 0);
            final long parentBefore = ValueFormat.codecCalls();

            final int[] ints = IntStream.range(-5_000, 5_000).toArray();
            assertArrayEquals(IntStream.of(ints).map(x -> x * x).toArray(), pool.map((int x) -> x * x, ints));
            final long[] longs = LongStream.range(0, 10_000).map(x -> x << 33).toArray();
            assertArrayEquals(LongStream.of(longs).map(x -> x + 1).toArray(), pool.map((long x) -> x + 1, longs));
            assertArrayEquals(new double[]{0.5, 1.5}, pool.map((double x) -> x / 2, new double[]{1, 3}));
            assertArrayEquals(new int[0], pool.map((int x) -> x, new int[0]));
            pool.mapAsync((int x) -> 2 * x, shared, shared).get(30, TimeUnit.SECONDS);
            assertEquals(2 * 49_999, shared.get(49_999));
            assertEquals(2L * IntStream.range(0, 50_000).asLongStream().sum(),
                IntStream.of(shared.toArray()).asLongStream().sum());
            assertEquals(List.of(0, 1, 4), pool.map(PoolTest::square, List.of(0, 1, 2)),
                "boxed Integers travel as ints");

            assertEquals(parentBefore, ValueFormat.codecCalls(), "no codec call in the pool's JVM");
            assertEquals(workerBefore, pool.apply(PoolRecordsTest::codecCalls, 0), "no codec call in the worker");
            assertThrows(IllegalArgumentException.class, () -> pool.mapAsync((int x) -> x, shared,
                SharedIntArray.create(shm, 10), 0), "a target shorter than the source is refused");
            assertEquals(List.of("A", "BB"), pool.map((String s) -> s.toUpperCase(), List.of("a", "bb")),
                "strings have a tag of their own");
            assertEquals(parentBefore, ValueFormat.codecCalls(), "no codec call for strings either");
            assertEquals(List.of(BigInteger.TWO), pool.map((BigInteger b) -> b.add(BigInteger.ONE),
                List.of(BigInteger.ONE)), "other values go through the codec");
            assertTrue(ValueFormat.codecCalls() > parentBefore);
        }
    }

    record Point(int x, double y)
    {
    }

    record Moved(Point point, String how)
    {
    }

    static Moved moved(final Point point)
    {
        return new Moved(new Point(point.x() + 1, point.y() * 2), point.x() % 2 == 0 ? "even" : null);
    }

    /**
     * Issue 22's bar: a map of 100,000 records returning records makes no codec call in either JVM; each chunk
     * travels as one block of fixed-layout rows each way.
     */
    @Test
    void aMapOfRecordsMakesNoCodecCallInEitherJvm() throws Exception
    {
        final List<Point> points = new ArrayList<>();
        for (int i = 0; i < 100_000; i++)
        {
            points.add(new Point(i, i / 4.0));
        }
        try (Pool pool = Pool.create(2))
        {
            final long workerBefore = pool.apply(PoolRecordsTest::codecCalls, 0);
            final long parentBefore = ValueFormat.codecCalls();
            final List<Moved> moved = pool.map(PoolRecordsTest::moved, points);
            assertEquals(100_000, moved.size());
            for (int i = 0; i < points.size(); i += 997)
            {
                assertEquals(moved(points.get(i)), moved.get(i));
            }
            assertEquals(parentBefore, ValueFormat.codecCalls(), "no codec call in the pool's JVM");
            assertEquals(workerBefore, pool.apply(PoolRecordsTest::codecCalls, 0), "no codec call in a worker");
        }
    }

    @Test
    void threeArgumentStarmapProgressAndThreadWorkers() throws Exception
    {
        try (Pool pool = Pool.create(2))
        {
            assertEquals(List.of(5, 26), pool.starmap((Integer a, Integer b, Integer c) -> a * b + c,
                List.of(List.of(1, 2, 3), List.of(4, 5, 6))));
            assertThrows(IllegalArgumentException.class,
                () -> pool.starmap((Integer a, Integer b, Integer c) -> a, List.of(List.of(1, 2))));

            final List<long[]> seen = new ArrayList<>();
            final AsyncResult<List<Integer>> map = pool.mapAsync(PoolTest::square, IntStream.range(0,
                1_000).boxed().toList(), 100)
                .onProgress((done, total) ->
                {
                    synchronized (seen)
                    {
                        seen.add(new long[]{done, total});
                    }
                });
            assertEquals(1_000, map.get(30, TimeUnit.SECONDS).size());
            synchronized (seen)
            {
                assertTrue(seen.size() >= 1, "told at least once");
                assertArrayEquals(new long[]{1_000, 1_000}, seen.get(seen.size() - 1));
                for (int i = 1; i < seen.size(); i++)
                {
                    assertTrue(seen.get(i)[0] >= seen.get(i - 1)[0], "progress never goes back");
                }
            }
        }
        try (Pool threads = Pool.builder().processes(2).context(Multiprocessing.context(StartMethod.THREAD)).build())
        {
            assertEquals(List.of(0, 1, 4, 9), threads.map(PoolTest::square, List.of(0, 1, 2, 3)));
            assertArrayEquals(new int[]{4, 9}, threads.map((int x) -> x * x, new int[]{2, 3}));
        }
    }

    @Test
    void aTaskPastItsTimeoutHasItsWorkerKilledAndThePoolGoesOn() throws Exception
    {
        try (Pool pool = Pool.builder().processes(1).taskTimeout(Duration.ofMillis(500)).build())
        {
            final long worker = pool.workerPids().get(0);
            final long start = System.nanoTime();
            final ExecutionException timedOut = assertThrows(ExecutionException.class,
                () -> pool.applyAsync(PoolTest::sleepThenSquare, 60_000).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TaskTimeoutException.class, timedOut.getCause());
            assertTrue(timedOut.getCause().getMessage().contains("pid " + worker), timedOut.getCause().getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "failed soon after the timeout");
            assertEquals(List.of(1, 4, 9), pool.map(PoolTest::sleepThenSquare, List.of(1, 2, 3), 1),
                "a new worker runs");
            assertTrue(pool.workerPids().get(0) != worker);
        }
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().taskTimeout(Duration.ZERO));
    }

    /**
     * RELIABILITY.md's kill test: a worker SIGKILLed in the middle of a map of 100,000 tasks, 20 times. With
     * retries the map completes exactly; without, it completes or fails within a second naming the worker.
     */
    @Test
    void killingAWorkerMidMapNeverHangs() throws Exception
    {
        final List<Integer> arguments = IntStream.range(0, 100_000).boxed().toList();
        final List<Integer> expected = arguments.stream().map(x -> x * x).toList();
        try (Pool retrying = Pool.builder().processes(2).retries(3).build();
             Pool failing = Pool.create(2))
        {
            for (int trial = 0; trial < 20; trial++)
            {
                final Pool pool = 0 == trial % 2 ? retrying : failing;
                final AsyncResult<List<Integer>> map = pool.mapAsync(PoolRecordsTest::busySquare, arguments, 100);
                Thread.sleep(20 + trial * 7 % 60);
                final long victim = pool.workerPids().get(trial % 2);
                final long killedAt = System.nanoTime();
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                try
                {
                    assertEquals(expected, map.get(30, TimeUnit.SECONDS), "trial " + trial);
                }
                catch (final ExecutionException ex)
                {
                    assertTrue(pool == failing, "a retrying pool completed: trial " + trial + ": " + ex.getCause());
                    assertInstanceOf(WorkerDiedException.class, ex.getCause());
                    assertTrue(ex.getCause().getMessage().contains("pid " + victim), ex.getCause().getMessage());
                    assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(1), "failed within a second");
                }
            }
            assertEquals(16, retrying.apply(PoolTest::square, 4));
            assertEquals(16, failing.apply(PoolTest::square, 4));
        }
    }
}
