package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedReentrantLock}: reentrancy per thread, ownership, exclusion across JVMs, a dead holder.
 */
final class SharedReentrantLockTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ShmContext shm;
    private SharedReentrantLock lock;
    private SharedLongArray shared;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
        lock = SharedReentrantLock.create(shm);
        shared = SharedLongArray.create(shm, 4);
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    static void holdTwiceForever(final SharedReentrantLock lock, final SharedLongArray out)
    {
        lock.lock();
        lock.lock();
        out.set(0, lock.getHoldCount());
        Targets.sleep(60_000);
    }

    static void incrementReentrantly(final SharedReentrantLock lock, final SharedEvent go, final SharedLongArray out)
        throws InterruptedException
    {
        go.await();
        for (int i = 0; i < 5_000; i++)
        {
            try (HeldLock outer = lock.hold(); HeldLock inner = lock.hold())
            {
                out.setPlain(1, out.getPlain(1) + 1);
            }
        }
    }

    @Test
    void theHoldingThreadReentersAndOnlyItMayUnlock() throws Exception
    {
        lock.lock();
        lock.lock();
        assertEquals(2, lock.getHoldCount());
        assertTrue(lock.isHeldByCurrentThread());

        final Throwable[] other = new Throwable[2];
        final Thread intruder = new Thread(() ->
        {
            try
            {
                lock.unlock();
            }
            catch (final IllegalMonitorStateException ex)
            {
                other[0] = ex;
            }
            try
            {
                other[1] = lock.tryLock(100, TimeUnit.MILLISECONDS) ? null : new AssertionError("not acquired");
            }
            catch (final InterruptedException ex)
            {
                other[1] = ex;
            }
        });
        intruder.start();
        intruder.join(TIMEOUT.toMillis());
        assertTrue(other[0] instanceof IllegalMonitorStateException, "another thread may not unlock it");
        assertTrue(other[1] instanceof AssertionError, "another thread of the same process waits");

        lock.unlock();
        assertTrue(lock.isLocked());
        lock.unlock();
        assertFalse(lock.isLocked());
        assertEquals(0, lock.getHoldCount());
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    @Test
    void twoJvmsEnterItTwiceEachWithoutLosingAnIncrement() throws Exception
    {
        try (SharedEvent go = SharedEvent.create(shm))
        {
            final SharedReentrantLock theLock = lock;
            final SharedLongArray out = shared;
            final JvmProcess a = new JvmProcess(() -> incrementReentrantly(theLock, go, out)).setDaemon(true).start();
            final JvmProcess b = new JvmProcess(() -> incrementReentrantly(theLock, go, out)).setDaemon(true).start();
            go.set();
            assertTrue(a.join(TIMEOUT) && b.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), a.exitCode());
            assertEquals(OptionalInt.of(0), b.exitCode());
            assertEquals(10_000, shared.get(1));
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void aDeadHoldersLockIsTakenOverWithOwnerDied() throws Exception
    {
        final SharedReentrantLock theLock = lock;
        final SharedLongArray out = shared;
        final JvmProcess holder = new JvmProcess(() -> holdTwiceForever(theLock, out)).setDaemon(true).start();
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (2 != shared.get(0) && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertFalse(lock.tryLock(100, TimeUnit.MILLISECONDS));
        final long killedAt = System.nanoTime();
        holder.kill();
        try (HeldLock held = lock.hold())
        {
            assertTrue((System.nanoTime() - killedAt) / 1_000_000 < 1_000);
            assertTrue(held.ownerDied());
            assertEquals(1, lock.getHoldCount());
        }
        assertFalse(lock.isLocked());
        assertTrue(holder.join(TIMEOUT));
    }
}
