package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedCondition}: a bounded buffer between a producer JVM and a consumer JVM, timed waits, misuse.
 */
final class SharedConditionTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CAPACITY = 4;
    private static final int COUNT = 0;
    private static final int HEAD = 1;
    private static final int TAIL = 2;
    private static final int SUM = 3;
    private static final int SLOTS = 8;
    private static final int ITEMS = 2_000;

    private ShmContext shm;
    private SharedLock lock;
    private SharedCondition changed;
    private SharedLongArray buffer;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
        lock = SharedLock.create(shm);
        changed = SharedCondition.create(shm, lock);
        buffer = SharedLongArray.create(shm, SLOTS + CAPACITY);
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    static void produce(final SharedCondition changed, final SharedLongArray buffer) throws InterruptedException
    {
        final SharedLock lock = changed.lock();
        for (long item = 1; item <= ITEMS; item++)
        {
            lock.lock();
            try
            {
                while (buffer.getPlain(COUNT) == CAPACITY)
                {
                    changed.await();
                }
                final long tail = buffer.getPlain(TAIL);
                buffer.setPlain(SLOTS + (int)(tail % CAPACITY), item);
                buffer.setPlain(TAIL, tail + 1);
                buffer.setPlain(COUNT, buffer.getPlain(COUNT) + 1);
                changed.signalAll();
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    static void consume(final SharedCondition changed, final SharedLongArray buffer) throws InterruptedException
    {
        final SharedLock lock = changed.lock();
        for (int i = 0; i < ITEMS; i++)
        {
            lock.lock();
            try
            {
                while (buffer.getPlain(COUNT) == 0)
                {
                    changed.await();
                }
                final long head = buffer.getPlain(HEAD);
                buffer.setPlain(SUM, buffer.getPlain(SUM) + buffer.getPlain(SLOTS + (int)(head % CAPACITY)));
                buffer.setPlain(HEAD, head + 1);
                buffer.setPlain(COUNT, buffer.getPlain(COUNT) - 1);
                changed.signal();
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    @Test
    void producerAndConsumerJvmsPassEveryItemThroughABufferOfFour() throws Exception
    {
        final SharedCondition condition = changed;
        final SharedLongArray shared = buffer;
        final JvmProcess producer = new JvmProcess(() -> produce(condition, shared)).setDaemon(true).start();
        final JvmProcess consumer = new JvmProcess(() -> consume(condition, shared)).setDaemon(true).start();
        assertTrue(producer.join(TIMEOUT) && consumer.join(TIMEOUT));
        assertEquals(OptionalInt.of(0), producer.exitCode());
        assertEquals(OptionalInt.of(0), consumer.exitCode());
        assertEquals((long)ITEMS * (ITEMS + 1) / 2, buffer.get(SUM));
        assertEquals(0, buffer.get(COUNT));
        assertFalse(lock.isLocked());
    }

    @Test
    void aTimedAwaitReturnsFalseOnTimeHoldingTheLockAgain() throws Exception
    {
        lock.lock();
        final long start = System.nanoTime();
        assertFalse(changed.await(Duration.ofMillis(150)));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 150);
        assertTrue(lock.isLocked(), "the lock is held again after the wait");
        lock.unlock();
        assertThrows(IllegalMonitorStateException.class, changed::await);
    }

    @Test
    void awaitUntilWaitsForAPredicateAnotherJvmMakesTrue() throws Exception
    {
        final SharedCondition condition = changed;
        final SharedLongArray shared = buffer;
        final JvmProcess counter = new JvmProcess(() ->
        {
            for (int i = 0; i < 5; i++)
            {
                condition.lock().lock();
                try
                {
                    shared.setPlain(COUNT, shared.getPlain(COUNT) + 1);
                    condition.signalAll();
                }
                finally
                {
                    condition.lock().unlock();
                }
                Thread.sleep(20);
            }
        }).setDaemon(true).start();
        lock.lock();
        try
        {
            final int[] tested = new int[1];
            assertTrue(changed.awaitUntil(() -> ++tested[0] > 0 && 5 == buffer.getPlain(COUNT), TIMEOUT));
            assertTrue(tested[0] >= 2, "tested first and again after wake-ups: " + tested[0]);
            assertTrue(lock.isLocked(), "returns holding the lock");
            final long start = System.nanoTime();
            assertFalse(changed.awaitUntil(() -> 6 == buffer.getPlain(COUNT), Duration.ofMillis(150)),
                "Python's wait_for returns the predicate's last value");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
            assertTrue(changed.awaitUntil(() -> true, Duration.ZERO), "a true predicate returns at once");
            changed.awaitUntil(() -> 5 == buffer.getPlain(COUNT));
        }
        finally
        {
            lock.unlock();
        }
        assertTrue(counter.join(TIMEOUT));
        assertEquals(OptionalInt.of(0), counter.exitCode());
    }

    @Test
    void signalWakesAWaiterInAnotherJvm() throws Exception
    {
        final SharedCondition condition = changed;
        final SharedLongArray shared = buffer;
        final JvmProcess waiter = new JvmProcess(() ->
        {
            condition.lock().lock();
            try
            {
                shared.set(COUNT, 1);
                shared.set(SUM, condition.await(TIMEOUT) ? 1 : 0);
            }
            finally
            {
                condition.lock().unlock();
            }
        }).setDaemon(true).start();
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (0 == buffer.get(COUNT) && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        lock.lock();
        changed.signal();
        lock.unlock();
        assertTrue(waiter.join(TIMEOUT));
        assertEquals(OptionalInt.of(0), waiter.exitCode());
        assertEquals(1, buffer.get(SUM), "woken by the signal, not by the timeout");
    }

    @Test
    void anInterruptedWaiterThrowsHoldingTheLockAgain() throws Exception
    {
        final boolean[] heldAfterInterrupt = new boolean[1];
        final Throwable[] thrown = new Throwable[1];
        final CountDownLatch locked = new CountDownLatch(1);
        final Thread waiter = new Thread(() ->
        {
            lock.lock();
            locked.countDown();
            try
            {
                changed.await();
            }
            catch (final Throwable ex)
            {
                thrown[0] = ex;
                heldAfterInterrupt[0] = lock.isLocked();
            }
            finally
            {
                lock.unlock();
            }
        });
        waiter.start();
        assertTrue(locked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (lock.isLocked())
        {
            assertTrue(System.nanoTime() < deadline, "the waiter never released the lock in await");
            Thread.sleep(1);
        }
        waiter.interrupt();
        waiter.join(TIMEOUT.toMillis());
        assertTrue(thrown[0] instanceof InterruptedException, String.valueOf(thrown[0]));
        assertTrue(heldAfterInterrupt[0], "await re-locks before it throws");
        assertFalse(lock.isLocked());
    }
}
