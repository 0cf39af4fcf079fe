package io.multiprocessing4j;

import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedBarrier} across real child JVMs, and its Python semantics within one.
 */
final class SharedBarrierTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ROUNDS = 1_000;
    private static final int ROUND = 0;
    private static final int OUT_OF_STEP = 1;
    private static final int ACTION_PID = 2;
    private static final int BROKEN = 3;
    private static final int INDEX_COUNTS = 4;

    private ShmContext shm;
    private SharedLongArray out;
    private ExecutorService threads;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
        out = SharedLongArray.create(shm, 16);
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "test threads still wait at a barrier");
        shm.close();
    }

    static void passRounds(final SharedBarrier barrier, final SharedLongArray out) throws Exception
    {
        for (int round = 0; round < ROUNDS; round++)
        {
            if (out.get(ROUND) != round)
            {
                out.incrementAndGet(OUT_OF_STEP);
            }
            final int index = barrier.await(TIMEOUT);
            out.incrementAndGet(INDEX_COUNTS + index);
            if (out.get(ROUND) != round + 1)
            {
                out.incrementAndGet(OUT_OF_STEP);
            }
        }
    }

    static void awaitAndReport(final SharedBarrier barrier, final SharedLongArray out) throws Exception
    {
        try
        {
            barrier.await(TIMEOUT);
        }
        catch (final BrokenBarrierException ex)
        {
            out.set(BROKEN, 1);
        }
    }

    static void arriveSecond(final SharedBarrier barrier) throws Exception
    {
        while (barrier.numberWaiting() < 1)
        {
            Thread.sleep(1);
        }
        barrier.await(TIMEOUT);
    }

    @Test
    void fourJvmsPassAThousandRoundsInLockstepEachIndexOncePerRound() throws Exception
    {
        final SharedLongArray shared = out;
        try (SharedBarrier barrier = SharedBarrier.create(shm, 4, () -> shared.incrementAndGet(ROUND)))
        {
            final List<JvmProcess> parties = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                parties.add(new JvmProcess(() -> passRounds(barrier, shared)).setDaemon(true).start());
            }
            for (final JvmProcess party : parties)
            {
                assertTrue(party.join(TIMEOUT), party + " still running");
                assertEquals(OptionalInt.of(0), party.exitCode(), () -> party + ": " + party.exception());
            }
            assertEquals(ROUNDS, out.get(ROUND), "the action ran once per round");
            assertEquals(0, out.get(OUT_OF_STEP), "a party ran ahead of or behind a round");
            for (int index = 0; index < 4; index++)
            {
                assertEquals(ROUNDS, out.get(INDEX_COUNTS + index), "index " + index + " given once per round");
            }
            assertFalse(barrier.isBroken());
        }
    }

    @Test
    void aPartyKilledWhileWaitingBreaksTheBarrierForTheOthersWithinASecond() throws Exception
    {
        try (SharedBarrier barrier = SharedBarrier.create(shm, 4))
        {
            final SharedLongArray shared = out;
            final JvmProcess victim = new JvmProcess(() -> barrier.await()).setDaemon(true).start();
            awaitWaiting(barrier, 1);
            final JvmProcess survivor = new JvmProcess(() -> awaitAndReport(barrier, shared)).setDaemon(true).start();
            awaitWaiting(barrier, 2);
            final Future<Long> parent = threads.submit(() ->
            {
                try
                {
                    barrier.await(TIMEOUT);
                    return -1L;
                }
                catch (final BrokenBarrierException ex)
                {
                    return System.nanoTime();
                }
            });
            awaitWaiting(barrier, 3);

            final long killedAt = System.nanoTime();
            victim.kill();
            final long brokenAt = parent.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(brokenAt > 0, "the parent's wait was not broken");
            final long tookMs = (brokenAt - killedAt) / 1_000_000;
            assertTrue(tookMs < 1_000, "broken " + tookMs + " ms after the SIGKILL");
            assertTrue(survivor.join(TIMEOUT));
            assertEquals(1, out.get(BROKEN), "the other waiting JVM was told the barrier broke");
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, () -> barrier.await(TIMEOUT), "broken until reset");

            barrier.reset();
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.numberWaiting());
        }
    }

    @Test
    void theActionRunsInTheProcessThatArrivesLastBeforeAnyoneIsReleased() throws Exception
    {
        final SharedLongArray shared = out;
        try (SharedBarrier barrier = SharedBarrier.create(shm, 2,
            () -> shared.set(ACTION_PID, ProcessHandle.current().pid())))
        {
            final JvmProcess last = new JvmProcess(() -> arriveSecond(barrier)).setDaemon(true).start();
            assertEquals(0, barrier.await(TIMEOUT), "the parent arrived first");
            assertEquals(last.pid(), out.get(ACTION_PID), "the action ran in the child, before the parent passed");
            assertTrue(last.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), last.exitCode(), () -> String.valueOf(last.exception()));
        }
    }

    @Test
    void aTimeoutBreaksTheBarrierForEveryWaiterUntilReset() throws Exception
    {
        try (SharedBarrier barrier = SharedBarrier.create(shm, 3))
        {
            final Future<Integer> other = threads.submit(() -> barrier.await(TIMEOUT));
            awaitWaiting(barrier, 1);
            final long start = System.nanoTime();
            assertThrows(TimeoutException.class, () -> barrier.await(Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
            assertInstanceOf(BrokenBarrierException.class, causeOf(other));
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, () -> barrier.await(TIMEOUT), "broken until reset");

            barrier.reset();
            final Future<Integer> first = threads.submit(() -> barrier.await(TIMEOUT));
            awaitWaiting(barrier, 1);
            final Future<Integer> second = threads.submit(() -> barrier.await(TIMEOUT));
            awaitWaiting(barrier, 2);
            assertEquals(2, barrier.await(TIMEOUT));
            assertEquals(0, first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(1, second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void resetAndAbortReleaseWaitersWithBrokenBarrierException() throws Exception
    {
        try (SharedBarrier barrier = SharedBarrier.create(shm, 2))
        {
            final Future<Integer> reset = threads.submit(() -> barrier.await(TIMEOUT));
            awaitWaiting(barrier, 1);
            barrier.reset();
            assertInstanceOf(BrokenBarrierException.class, causeOf(reset));
            assertFalse(barrier.isBroken(), "a reset barrier is ready again");

            final Future<Integer> aborted = threads.submit(() -> barrier.await(TIMEOUT));
            awaitWaiting(barrier, 1);
            barrier.abort();
            assertInstanceOf(BrokenBarrierException.class, causeOf(aborted));
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, barrier::await);
        }
    }

    @Test
    void aFailingActionBreaksTheBarrierAndReachesTheThreadThatRanIt() throws Exception
    {
        try (SharedBarrier barrier = SharedBarrier.create(shm, 2, () ->
        {
            throw new IllegalStateException("action failed");
        }))
        {
            final Future<Integer> first = threads.submit(() -> barrier.await(TIMEOUT));
            awaitWaiting(barrier, 1);
            final IllegalStateException failure = assertThrows(IllegalStateException.class, barrier::await);
            assertEquals("action failed", failure.getMessage());
            assertInstanceOf(BrokenBarrierException.class, causeOf(first));
            assertTrue(barrier.isBroken());
        }
    }

    @Test
    void theDefaultTimeoutBreaksAPlainAwaitAsInPython() throws Exception
    {
        try (SharedBarrier barrier = SharedBarrier.create(shm, 2, null, Duration.ofMillis(50)))
        {
            final BrokenBarrierException broken = assertThrows(BrokenBarrierException.class, barrier::await);
            assertInstanceOf(TimeoutException.class, broken.getCause());
            assertTrue(barrier.isBroken());
        }
    }

    @Test
    void anInterruptedWaiterThrowsAndBreaksTheBarrier() throws Exception
    {
        try (SharedBarrier barrier = SharedBarrier.create(shm, 2))
        {
            final Future<Integer> waiter = threads.submit(() -> barrier.await(TIMEOUT));
            awaitWaiting(barrier, 1);
            waiter.cancel(true);
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!barrier.isBroken() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertTrue(barrier.isBroken());
            assertEquals(0, barrier.numberWaiting());
        }
    }

    @Test
    void badArgumentsAreRefusedByName()
    {
        final Object notSerializable = new Object();
        assertThrows(IllegalArgumentException.class, () -> SharedBarrier.create(shm, 0));
        assertThrows(IllegalArgumentException.class, () -> SharedBarrier.create(shm, 2, null, Duration.ofSeconds(-1)));
        final CodecException unserializable = assertThrows(CodecException.class,
            () -> SharedBarrier.create(shm, 2, () -> notSerializable.hashCode()));
        assertTrue(unserializable.getMessage().contains("java.lang.Object"), unserializable.getMessage());
        assertThrows(NullPointerException.class, () -> SharedBarrier.create(null, 2));
    }

    private static Throwable causeOf(final Future<?> future) throws Exception
    {
        final ExecutionException failure =
            assertThrows(ExecutionException.class, () -> future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        return failure.getCause();
    }

    private static void awaitWaiting(final SharedBarrier barrier, final int waiting) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (barrier.numberWaiting() < waiting)
        {
            assertTrue(System.nanoTime() < deadline, "waiting for " + waiting + " waiters: " + barrier);
            Thread.sleep(1);
        }
    }
}
