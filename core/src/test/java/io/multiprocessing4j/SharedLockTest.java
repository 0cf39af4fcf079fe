package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedLock} across real child JVMs: exclusion, recovery from a SIGKILLed holder, waiting cheaply.
 */
final class SharedLockTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ShmContext shm;
    private SharedLock lock;
    private SharedLongArray shared;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
        lock = SharedLock.create(shm);
        shared = SharedLongArray.create(shm, 16);
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    static void incrementUnderLock(
        final SharedLock lock, final SharedEvent go, final SharedLongArray counter, final int times)
        throws InterruptedException
    {
        go.await();
        for (int i = 0; i < times; i++)
        {
            lock.lock();
            try
            {
                counter.setPlain(0, counter.getPlain(0) + 1);
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    static void holdForever(final SharedLock lock, final SharedLongArray out)
    {
        lock.lock();
        out.set(1, 1);
        Targets.sleep(60_000);
    }

    /**
     * Starts a child JVM named {@code name} that locks {@code lock} ({@link #holdForever}), waits until it holds
     * it, and SIGKILLs it; the lock is left held by a dead process.
     *
     * @param out at least two elements, in the lock's context.
     * @return the dead holder.
     */
    static JvmProcess killHolder(final String name, final SharedLock lock, final SharedLongArray out,
        final Duration timeout) throws InterruptedException
    {
        final JvmProcess holder = new JvmProcess(name, () -> holdForever(lock, out)).setDaemon(true).start();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (1 != out.get(1))
        {
            assertTrue(System.nanoTime() < deadline, "the holder never locked");
            Thread.sleep(10);
        }
        holder.kill();
        assertTrue(holder.join(timeout));
        return holder;
    }

    static void waitAndReport(final SharedLock lock, final SharedLongArray out, final int index)
    {
        out.incrementAndGet(2);
        try (HeldLock held = lock.hold())
        {
            out.set(index, System.nanoTime());
            out.set(index + 1, held.ownerDied() ? 1 : 0);
        }
    }

    private static void joinOrFail(final JvmProcess process) throws InterruptedException
    {
        if (!process.join(TIMEOUT))
        {
            process.kill();
            throw new AssertionError(process + " did not end within " + TIMEOUT);
        }
        assertEquals(OptionalInt.of(0), process.exitCode(), process.toString());
    }

    @Test
    void tenJvmsIncrementAPlainLongUnderTheLockWithoutLosingOne() throws Exception
    {
        final SharedLock theLock = lock;
        final SharedLongArray counter = shared;
        final List<JvmProcess> workers = new ArrayList<>();
        try (SharedEvent go = SharedEvent.create(shm))
        {
            for (int i = 0; i < 10; i++)
            {
                workers.add(new JvmProcess(() -> incrementUnderLock(theLock, go, counter, 10_000)).setDaemon(true)
                    .start());
            }
            go.set();
            for (final JvmProcess worker : workers)
            {
                joinOrFail(worker);
            }
        }
        assertEquals(100_000, shared.get(0));
        assertFalse(lock.isLocked());
    }

    @RepeatedTest(20)
    void aWaiterTakesOverWithinASecondOfTheHoldersSigkillAndIsToldTheOwnerDied() throws Exception
    {
        final SharedLock theLock = lock;
        final SharedLongArray out = shared;
        final JvmProcess holder = new JvmProcess(() -> holdForever(theLock, out)).setDaemon(true).start();
        awaitValue(1, 1);
        final List<JvmProcess> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final int index = 4 + 2 * i;
            waiters.add(new JvmProcess(() -> waitAndReport(theLock, out, index)).setDaemon(true).start());
        }
        awaitValue(2, 3);
        Thread.sleep(200);
        assertTrue(lock.isLocked());

        final long killedAt = System.nanoTime();
        holder.kill();
        for (final JvmProcess waiter : waiters)
        {
            joinOrFail(waiter);
        }

        long firstAcquisition = Long.MAX_VALUE;
        int ownerDiedReports = 0;
        for (int i = 0; i < 3; i++)
        {
            firstAcquisition = Math.min(firstAcquisition, shared.get(4 + 2 * i));
            ownerDiedReports += (int)shared.get(5 + 2 * i);
        }
        final long tookMs = (firstAcquisition - killedAt) / 1_000_000;
        assertTrue(tookMs < 1_000, "first waiter acquired " + tookMs + " ms after the SIGKILL");
        assertEquals(1, ownerDiedReports, "exactly the waiter that took over is told the owner died");
        assertTrue(holder.join(TIMEOUT));
        assertEquals(OptionalInt.of(-9), holder.pythonExitCode());
        assertFalse(lock.isLocked());
    }

    @Test
    void anyProcessMayUnlockAsWithPythonsLock() throws Exception
    {
        lock.lock();
        final SharedLock theLock = lock;
        joinOrFail(new JvmProcess(theLock::unlock).setDaemon(true).start());
        assertFalse(lock.isLocked());
        assertTrue(lock.tryLock());
        assertFalse(lock.tryLock(), "not reentrant");
        lock.unlock();
        final IllegalMonitorStateException twice = assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertTrue(twice.getMessage().contains("unlock of an unlocked SharedLock"), twice.getMessage());
        assertThrows(UnsupportedOperationException.class, lock::newCondition);
    }

    @Test
    void aBlockedWaiterUsesUnderFivePercentOfACoreAndTimesOutOnTime() throws Exception
    {
        lock.lock();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final AtomicLong cpuNanos = new AtomicLong();
        final AtomicLong waitedMs = new AtomicLong();
        final boolean[] acquired = new boolean[1];
        final Thread waiter = new Thread(() ->
        {
            final long cpuStart = threads.getCurrentThreadCpuTime();
            final long start = System.nanoTime();
            try
            {
                acquired[0] = lock.tryLock(2, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            waitedMs.set((System.nanoTime() - start) / 1_000_000);
            cpuNanos.set(threads.getCurrentThreadCpuTime() - cpuStart);
        });
        waiter.start();
        waiter.join(TIMEOUT.toMillis());
        assertFalse(acquired[0]);
        assertTrue(waitedMs.get() >= 2_000 && waitedMs.get() < 3_000, "waited " + waitedMs.get() + " ms");
        final double share = cpuNanos.get() / (waitedMs.get() * 1e6);
        assertTrue(share < 0.05, "the waiter used " + Math.round(share * 100) + "% of a core");
        lock.unlock();
    }

    @Test
    void interruptingAWaiterThrowsAndLeavesTheLockHeld() throws Exception
    {
        lock.lock();
        final Throwable[] thrown = new Throwable[1];
        final Thread waiter = new Thread(() ->
        {
            try
            {
                lock.lockInterruptibly();
            }
            catch (final InterruptedException ex)
            {
                thrown[0] = ex;
            }
        });
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join(TIMEOUT.toMillis());
        assertTrue(thrown[0] instanceof InterruptedException);
        assertTrue(lock.isLocked());
        lock.unlock();
        lock.close();
        assertThrows(IllegalStateException.class, lock::lock);
    }

    private void awaitValue(final int index, final long value) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (shared.get(index) < value)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("slot " + index + " never reached " + value);
            }
            Thread.sleep(5);
        }
    }
}
