package io.multiprocessing4j;

import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedEvent} across real child JVMs.
 */
final class SharedEventTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ShmContext shm;
    private SharedEvent event;
    private SharedLongArray shared;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
        event = SharedEvent.create(shm);
        shared = SharedLongArray.create(shm, 4);
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    /**
     * Counts until the event is set, then reports the count and what the setter published.
     */
    static void workUntilSet(final SharedEvent stop, final SharedLongArray out)
    {
        long iterations = 0;
        out.set(0, 1);
        while (!stop.isSet())
        {
            iterations++;
        }
        out.set(1, iterations);
        out.set(2, out.getPlain(3));
    }

    static void awaitThenSet(final SharedEvent ping, final SharedEvent pong) throws InterruptedException
    {
        if (!ping.await(TIMEOUT))
        {
            throw new IllegalStateException("never pinged");
        }
        pong.set();
    }

    @Test
    void anEventStopsARunningWorkerWhichSeesWhatWasWrittenBeforeTheSet() throws Exception
    {
        final SharedEvent stop = event;
        final SharedLongArray out = shared;
        final JvmProcess worker = new JvmProcess(() -> workUntilSet(stop, out)).setDaemon(true).start();
        while (0 == shared.get(0))
        {
            Thread.sleep(5);
        }
        shared.setPlain(3, 42);
        event.set();
        assertTrue(worker.join(TIMEOUT));
        assertEquals(OptionalInt.of(0), worker.exitCode());
        assertTrue(shared.get(1) > 0);
        assertEquals(42, shared.get(2), "a plain write before set() is visible after the worker saw the event");
    }

    @Test
    void pingPongBetweenTwoJvms() throws Exception
    {
        try (SharedEvent pong = SharedEvent.create(shm))
        {
            final SharedEvent ping = event;
            final JvmProcess other = new JvmProcess(() -> awaitThenSet(ping, pong)).setDaemon(true).start();
            assertFalse(pong.await(Duration.ofMillis(100)));
            ping.set();
            assertTrue(pong.await(TIMEOUT));
            assertTrue(other.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), other.exitCode());
        }
    }

    @Test
    void setClearAndTimedAwaitBehaveLikePythons() throws Exception
    {
        assertFalse(event.isSet());
        final long start = System.nanoTime();
        assertFalse(event.await(Duration.ofMillis(200)));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 200);
        event.set();
        assertTrue(event.isSet());
        assertTrue(event.await(Duration.ZERO));
        event.await();
        event.clear();
        assertFalse(event.isSet());
        assertFalse(event.await(Duration.ZERO));
    }

    @Test
    void aWaiterUsesUnderFivePercentOfACoreAndAnInterruptEndsItsWait() throws Exception
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long[] result = new long[3];
        final Thread waiter = new Thread(() ->
        {
            final long cpuStart = threads.getCurrentThreadCpuTime();
            final long start = System.nanoTime();
            try
            {
                result[0] = event.await(Duration.ofSeconds(2)) ? 1 : 0;
                result[1] = threads.getCurrentThreadCpuTime() - cpuStart;
                result[2] = System.nanoTime() - start;
                event.await();
            }
            catch (final InterruptedException ex)
            {
                result[0] = -1;
            }
        });
        waiter.start();
        Thread.sleep(2_300);
        waiter.interrupt();
        waiter.join(TIMEOUT.toMillis());
        assertEquals(-1, result[0], "the interrupt ended the untimed wait");
        final double share = (double)result[1] / result[2];
        assertTrue(share < 0.05, "the waiter used " + Math.round(share * 100) + "% of a core");
        event.close();
        assertThrows(IllegalStateException.class, event::set);
    }

    /**
     * Waits for the event and reports how long the wait took, in ms.
     */
    static void timeWait(final SharedEvent ready, final SharedEvent go, final SharedLongArray out)
        throws InterruptedException
    {
        ready.set();
        final long start = System.nanoTime();
        if (!go.await(TIMEOUT))
        {
            throw new IllegalStateException("never set");
        }
        out.set(0, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aChildWaitsAsTheContextsIdlePolicySays() throws Exception
    {
        shm.setIdlePolicy(IdlePolicy.sleeping(Duration.ofMillis(400)));
        try (SharedEvent ready = SharedEvent.create(shm))
        {
            final SharedEvent go = event;
            final SharedLongArray out = shared;
            final JvmProcess child = new JvmProcess(() -> timeWait(ready, go, out)).setDaemon(true).start();
            assertTrue(ready.await(TIMEOUT));
            Thread.sleep(50);
            go.set();
            assertTrue(child.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> String.valueOf(child.exception()));
            assertTrue(shared.get(0) >= 300, "a child parking 400 ms at a time noticed the set after " +
                shared.get(0) + " ms");
        }
    }
}
