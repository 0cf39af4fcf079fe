package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads of one JVM waiting on one queue at once: each process has a few claim words per ring, held only
 * while a record is claimed and copied, so no number of waiting threads keeps another from its deadline or its
 * interrupt (fault 1 of issue 19: an eighth waiter spun forever on a claim word).
 */
final class SharedQueueManyWaitersTest
{
    private static final int WAITERS = 16;
    private static final long JOIN_MS = 10_000;

    private ShmContext shm;
    private SharedQueue<Integer> queue;
    private final List<Thread> threads = new ArrayList<>();

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        for (final Thread thread : threads)
        {
            thread.interrupt();
            thread.join(JOIN_MS);
        }
        if (null != queue)
        {
            queue.close(); // only once no thread of this JVM uses it, as SharedObject's contract says
        }
        shm.close();
    }

    @Test
    void aPollReturnsAtItsDeadlineWhileSixteenThreadsWaitInTakeAndEachTakerGetsOneItem() throws Exception
    {
        queue = SharedQueue.create(shm);
        final Set<Integer> taken = ConcurrentHashMap.newKeySet();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < WAITERS; i++)
        {
            start(() -> taken.add(queue.take()), failure);
        }
        awaitWaiting(WAITERS);

        final long start = System.nanoTime();
        assertNull(queue.poll(Duration.ofMillis(500)));
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 499 && tookMs < 600, "poll(500 ms) beside 16 takers returned after " + tookMs + " ms");

        for (int i = 0; i < WAITERS; i++)
        {
            assertTrue(queue.offer(i, 1, TimeUnit.SECONDS));
        }
        joinAll();
        assertNull(failure.get());
        assertEquals(WAITERS, taken.size(), "every taker got one item: " + taken);
        assertTrue(queue.isEmpty());
    }

    @Test
    void anInterruptEndsATakeWithinAHundredMillisecondsWhileSixteenOthersWait() throws Exception
    {
        queue = SharedQueue.create(shm);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < WAITERS; i++)
        {
            start(queue::take, failure);
        }
        final long[] endedAt = new long[1];
        final Thread victim = new Thread(() ->
        {
            try
            {
                queue.take();
            }
            catch (final InterruptedException expected)
            {
                endedAt[0] = System.nanoTime();
            }
        });
        victim.start();
        awaitWaiting(WAITERS + 1);
        final long interruptedAt = System.nanoTime();
        victim.interrupt();
        victim.join(JOIN_MS);
        assertFalse(victim.isAlive());
        assertTrue(endedAt[0] != 0, "take() ended by its interrupt with InterruptedException");
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(endedAt[0] - interruptedAt);
        assertTrue(tookMs < 100, "the interrupted take() ended after " + tookMs + " ms");
        assertNull(failure.get());
    }

    @Test
    void anOfferReturnsAtItsDeadlineWhileSixteenThreadsWaitInPutOnAFullQueue() throws Exception
    {
        queue = SharedQueue.create(shm, 4);
        for (int i = 0; i < 4; i++)
        {
            assertTrue(queue.offer(i));
        }
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < WAITERS; i++)
        {
            final int item = 100 + i;
            start(() -> queue.put(item), failure);
        }
        awaitWaiting(WAITERS);

        final long start = System.nanoTime();
        assertFalse(queue.offer(-1, 500, TimeUnit.MILLISECONDS));
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 499 && tookMs < 600, "offer(500 ms) beside 16 putters returned after " + tookMs + " ms");

        int received = 0;
        while (received < 4 + WAITERS)
        {
            final Integer item = queue.poll(Duration.ofSeconds(5));
            assertTrue(null != item && item >= 0, "item " + received + ": " + item);
            received++;
        }
        joinAll();
        assertNull(failure.get());
    }

    private interface Blocking
    {
        void run() throws InterruptedException;
    }

    private void start(final Blocking body, final AtomicReference<Throwable> failure)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                body.run();
            }
            catch (final InterruptedException ex)
            {
                // the test's tear-down ends a waiter it left blocked
            }
            catch (final Throwable ex)
            {
                failure.compareAndSet(null, ex);
            }
        });
        threads.add(thread);
        thread.start();
    }

    /**
     * Waits until {@code count} of the test's threads are parked or sleeping in a wait of the shm layer.
     */
    private void awaitWaiting(final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            int waiting = 0;
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                if (thread.isAlive() && thread.getState() == Thread.State.TIMED_WAITING &&
                    !thread.getName().startsWith("main"))
                {
                    for (final StackTraceElement frame : thread.getStackTrace())
                    {
                        if (frame.getClassName().startsWith("io.multiprocessing4j.shm."))
                        {
                            waiting++;
                            break;
                        }
                    }
                }
            }
            if (waiting >= count)
            {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(count + " threads did not all reach a wait in the shm layer in 10 s");
    }

    private void joinAll() throws InterruptedException
    {
        for (final Thread thread : threads)
        {
            thread.join(JOIN_MS);
            assertFalse(thread.isAlive(), thread.getName() + " still waits");
        }
    }
}
