package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedSemaphore} and {@link SharedBoundedSemaphore} across real child JVMs.
 */
final class SharedSemaphoreTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int INSIDE = 0;
    private static final int MOST_INSIDE = 1;
    private static final int HELD = 2;

    private ShmContext shm;
    private SharedLongArray shared;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
        shared = SharedLongArray.create(shm, 4);
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    static void enterRepeatedly(
        final SharedSemaphore semaphore, final SharedEvent go, final SharedLongArray out, final int times)
        throws InterruptedException
    {
        go.await();
        for (int i = 0; i < times; i++)
        {
            try (SharedSemaphore.Permit permit = semaphore.hold())
            {
                final long inside = out.incrementAndGet(INSIDE);
                long most;
                while (inside > (most = out.get(MOST_INSIDE)) && !out.compareAndSet(MOST_INSIDE, most, inside))
                {
                    Thread.onSpinWait();
                }
                for (int spin = 0; spin < 200; spin++)
                {
                    Thread.onSpinWait();
                }
                out.decrementAndGet(INSIDE);
            }
        }
    }

    static void holdForever(final SharedSemaphore semaphore, final SharedLongArray out) throws InterruptedException
    {
        semaphore.acquire();
        out.set(HELD, 1);
        Thread.sleep(60_000);
    }

    @Test
    void aSemaphoreOfTwoNeverAdmitsAThirdHolder() throws Exception
    {
        try (SharedSemaphore semaphore = SharedSemaphore.create(shm, 2);
             SharedEvent go = SharedEvent.create(shm))
        {
            final SharedLongArray out = shared;
            final List<JvmProcess> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                workers.add(new JvmProcess(() -> enterRepeatedly(semaphore, go, out, 20_000)).setDaemon(true).start());
            }
            go.set();
            for (final JvmProcess worker : workers)
            {
                assertTrue(worker.join(TIMEOUT));
                assertEquals(OptionalInt.of(0), worker.exitCode(), worker.toString());
            }
            assertEquals(2, shared.get(MOST_INSIDE), "most holders at once (2 shows the workers overlapped)");
            assertEquals(0, shared.get(INSIDE));
            assertEquals(2, semaphore.availablePermits());
        }
    }

    @Test
    void permitsOfASigkilledHolderComeBackWithinASecond() throws Exception
    {
        try (SharedSemaphore semaphore = SharedSemaphore.create(shm, 1))
        {
            final SharedLongArray out = shared;
            final JvmProcess holder = new JvmProcess(() -> holdForever(semaphore, out)).setDaemon(true).start();
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (0 == shared.get(HELD) && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertFalse(semaphore.tryAcquire(Duration.ofMillis(200)), "a live holder keeps its permit");

            final long killedAt = System.nanoTime();
            holder.kill();
            assertTrue(semaphore.tryAcquire(Duration.ofSeconds(10)));
            final long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertTrue(tookMs < 1_000, "the permit came back " + tookMs + " ms after the SIGKILL");
            semaphore.release();
            assertEquals(1, semaphore.availablePermits());
            assertTrue(holder.join(TIMEOUT));
        }
    }

    @Test
    void releaseMayRaiseAPlainSemaphoreButNotABoundedOne() throws Exception
    {
        try (SharedSemaphore plain = SharedSemaphore.create(shm, 1);
             SharedBoundedSemaphore bounded = SharedBoundedSemaphore.create(shm, 1))
        {
            plain.release();
            assertEquals(2, plain.availablePermits());

            assertTrue(bounded.tryAcquire());
            assertFalse(bounded.tryAcquire());
            bounded.release();
            final IllegalStateException tooMany = assertThrows(IllegalStateException.class, bounded::release);
            assertTrue(tooMany.getMessage().contains("released too many times"), tooMany.getMessage());
            assertEquals(1, bounded.availablePermits());
        }
        assertThrows(IllegalArgumentException.class, () -> SharedSemaphore.create(shm, -1));
    }

    @Test
    void aChildReleasesAPermitTheParentTookAndSeesTheSameCount() throws Exception
    {
        try (SharedBoundedSemaphore semaphore = SharedBoundedSemaphore.create(shm, 2))
        {
            semaphore.acquire();
            final SharedLongArray out = shared;
            final JvmProcess child = new JvmProcess(() ->
            {
                out.set(HELD, semaphore.availablePermits());
                semaphore.release();
            }).setDaemon(true).start();
            assertTrue(child.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), child.exitCode());
            assertEquals(1, shared.get(HELD));
            assertEquals(2, semaphore.availablePermits());
        }
    }

    @Test
    void anInterruptedWaiterThrowsAndTakesNoPermit() throws Exception
    {
        try (SharedSemaphore semaphore = SharedSemaphore.create(shm, 0))
        {
            final Throwable[] thrown = new Throwable[1];
            final Thread waiter = new Thread(() ->
            {
                try
                {
                    semaphore.acquire();
                }
                catch (final Throwable ex)
                {
                    thrown[0] = ex;
                }
            });
            waiter.start();
            Thread.sleep(50);
            waiter.interrupt();
            waiter.join(TIMEOUT.toMillis());
            assertTrue(thrown[0] instanceof InterruptedException, String.valueOf(thrown[0]));
            semaphore.release();
            assertEquals(1, semaphore.availablePermits(), "the interrupted waiter took nothing");
            assertTrue(semaphore.tryAcquire());
        }
    }
}
