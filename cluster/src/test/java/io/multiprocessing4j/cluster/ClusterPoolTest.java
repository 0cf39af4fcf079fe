package io.multiprocessing4j.cluster;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.ProcessPoolExecutor;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.SerializableCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool on two real Hazelcast members (child JVMs on loopback): every call a local pool takes.
 */
class ClusterPoolTest
{
    private static LocalCluster cluster;
    private static Pool pool;

    @BeforeAll
    static void startCluster() throws InterruptedException
    {
        cluster = LocalCluster.start("pool-test", 2);
        pool = ClusterPool.connect(cluster.config(0));
        awaitMembers(pool, 2);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException
    {
        if (null != pool)
        {
            pool.close();
        }
        if (null != cluster)
        {
            cluster.close();
        }
    }

    static void awaitMembers(final Pool pool, final int members) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (pool.workerPids().size() < members)
        {
            assertTrue(System.nanoTime() < deadline, "only " + pool.workerPids() + " joined: " + pool);
            Thread.sleep(50);
        }
    }

    @Test
    void mapRunsOnBothMembersInOrder() throws Exception
    {
        final List<Integer> numbers = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        final List<Integer> squares = pool.map(x -> x * x, numbers);
        assertEquals(numbers.stream().map(x -> x * x).collect(Collectors.toList()), squares);

        final List<long[]> progress = new CopyOnWriteArrayList<>();
        final List<Long> pids = pool.mapAsync((Integer x) -> ProcessHandle.current().pid(), numbers, 100)
            .onProgress((done, total) -> progress.add(new long[] {done, total})).get(60, TimeUnit.SECONDS);
        assertEquals(new HashSet<>(pool.workerPids()), new HashSet<>(pids), "every member ran chunks");
        assertFalse(pids.contains(ProcessHandle.current().pid()));

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (progress.stream().noneMatch(p -> p[0] == numbers.size()) && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        final List<Long> done = progress.stream().map(p -> p[0]).sorted().collect(Collectors.toList());
        assertFalse(done.isEmpty(), "the listener was told");
        assertEquals(numbers.size(), done.get(done.size() - 1), "progress reaches the whole map: " + done);
        assertEquals(done.size(), new HashSet<>(done).size(), "each count is told once: " + done);
        assertTrue(done.stream().allMatch(d -> 0 == d % 100), "progress moves a chunk of 100 at a time: " + done);
        assertTrue(progress.stream().allMatch(p -> p[1] == numbers.size()), "the total is the map's");
    }

    @Test
    void applyStarmapImapAndCallbacks() throws Exception
    {
        assertEquals("HELLO", pool.apply(String::toUpperCase, "hello"));
        final AtomicReference<Object> called = new AtomicReference<>();
        final AsyncResult<Integer> sum = pool.applyAsync((List<Integer> xs) -> xs.stream().mapToInt(x -> x).sum(),
            List.of(1, 2, 3), called::set, called::set);
        assertEquals(6, sum.get(60, TimeUnit.SECONDS));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (null == called.get() && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertEquals(6, called.get());

        assertEquals(List.of(3, 7), pool.starmap((Integer a, Integer b) -> a + b, List.of(Map.entry(1, 2),
            Map.entry(3, 4))));
        final Iterator<Integer> doubled = pool.imap(x -> 2 * x, IntStream.range(0, 500).boxed().iterator(), 7);
        final List<Integer> gathered = new ArrayList<>();
        doubled.forEachRemaining(gathered::add);
        assertEquals(IntStream.range(0, 500).map(x -> 2 * x).boxed().collect(Collectors.toList()), gathered);
        final List<Integer> unordered = new ArrayList<>();
        pool.imapUnordered((Integer x) -> x + 1, List.of(1, 2, 3, 4)).forEachRemaining(unordered::add);
        assertEquals(List.of(2, 3, 4, 5), unordered.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void primitiveMapAndWhatAFunctionThrows() throws Exception
    {
        assertArrayEquals(new int[] {1, 4, 9}, pool.map(x -> x * x, new int[] {1, 2, 3}));
        assertArrayEquals(new double[] {0.5, 1.0}, pool.map(x -> x / 2, new double[] {1.0, 2.0}));

        final PoolFunction<Integer, Integer> failing = x ->
        {
            if (7 == x)
            {
                throw new IllegalArgumentException("seven is not allowed");
            }
            return x;
        };
        final ExecutionException failed = assertThrows(ExecutionException.class,
            () -> pool.mapAsync(failing, IntStream.range(0, 20).boxed().collect(Collectors.toList()), 2)
                .get(60, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, failed.getCause());
        assertEquals("seven is not allowed", failed.getCause().getMessage());
        assertEquals(List.of(1, 2), pool.map(x -> x, List.of(1, 2)), "the pool goes on after a failure");
    }

    @Test
    void aChunkPastItsTimeoutFailsTheCallAndThePoolGoesOn() throws Exception
    {
        try (Pool timed = ClusterPool.connect(cluster.configBuilder().taskTimeout(Duration.ofMillis(500)).build()))
        {
            awaitMembers(timed, 2);
            final long start = System.nanoTime();
            final ExecutionException failed = assertThrows(ExecutionException.class, () -> timed.mapAsync(
                (Integer x) ->
                {
                    Thread.sleep(3 == x ? 120_000 : 1);
                    return x;
                }, IntStream.range(0, 8).boxed().collect(Collectors.toList()), 1).get(60, TimeUnit.SECONDS));
            assertInstanceOf(TaskTimeoutException.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().contains("ran past its timeout of 500 ms on member "),
                failed.getCause().getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
            assertEquals(List.of(1, 2, 3, 4), timed.map(x -> x + 1, List.of(0, 1, 2, 3)), "the pool goes on");
        }
    }

    @Test
    void sharedArraysAndContextDirectoryAreForALocalPool()
    {
        final UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class,
            pool::contextDirectory);
        assertTrue(ex.getMessage().contains("no shared files"), ex.getMessage());
    }

    @Test
    void processPoolExecutorOnTheCluster() throws Exception
    {
        final Pool second = ClusterPool.connect(cluster.config(0));
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(second))
        {
            final CompletableFuture<Long> pid = executor.submit((SerializableCallable<Long>)
                () -> ProcessHandle.current().pid());
            final long ran = pid.get(60, TimeUnit.SECONDS);
            assertTrue(second.workerPids().contains(ran), "ran in " + ran + ", not a member: " + second.workerPids());
        }
        assertTrue(second.isTerminated(), "closing the executor closed its pool");
    }

    @Test
    void aDriverWithAnotherKeyCannotConnect()
    {
        final byte[] wrong = cluster.key();
        wrong[0] ^= 1;
        final ClusterConfig config = ClusterConfig.builder().name(cluster.name()).key(wrong)
            .members(cluster.addresses()).connectTimeout(Duration.ofSeconds(3)).build();
        final ClusterException ex = assertThrows(ClusterException.class, () -> ClusterPool.connect(config));
        assertTrue(ex.getMessage().contains("same cluster name and key"), ex.getMessage());
    }
}
