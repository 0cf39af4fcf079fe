package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.test.ChildJvm;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The robust lock word: exclusion across real JVMs, recovery from a SIGKILLed owner, no robbery of a live one.
 */
final class RobustLockWordTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ShmContext context;
    private MappedRegion region;
    private RobustLockWord lock;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
        region = context.newRegion(RegionType.LONG_ARRAY, 2 * LockWordDescriptor.WORD_LENGTH);
        lock = new RobustLockWord(region.buffer(), region.dataOffset() + LockWordChild.LOCK_OFFSET,
            context.processes());
    }

    @AfterEach
    void tearDown()
    {
        context.close();
    }

    @Test
    void wordEncodesSlotAndGeneration()
    {
        final long word = LockWordDescriptor.owner(255, (1L << 48) - 1);
        assertEquals(255, LockWordDescriptor.slot(word));
        assertEquals((1L << 48) - 1, LockWordDescriptor.generation(word));
        assertEquals(0, LockWordDescriptor.slot(LockWordDescriptor.owner(0, 0)));
        assertTrue(LockWordDescriptor.FREE != LockWordDescriptor.owner(0, 0));
        assertThrows(IllegalArgumentException.class, () -> LockWordDescriptor.owner(256, 1));
        assertThrows(IllegalArgumentException.class, () -> LockWordDescriptor.owner(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new RobustLockWord(region.buffer(), region.dataOffset() + 4,
            context.processes()));
    }

    @Test
    void tryAcquireAndReleaseInOneProcess() throws InterruptedException
    {
        assertEquals(LockWordDescriptor.FREE, lock.owner());
        assertTrue(lock.tryAcquire());
        assertEquals(lock.self(), lock.owner());
        assertFalse(lock.tryAcquire());
        final long start = System.nanoTime();
        assertEquals(RobustLockWord.AcquireResult.TIMED_OUT,
            lock.acquire(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), new BackoffIdleStrategy()),
            "a live owner (this process) is never robbed");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(lock.release());
        assertFalse(lock.release());
        assertFalse(lock.releaseAny());
        assertEquals(RobustLockWord.AcquireResult.ACQUIRED, lock.acquire(Long.MAX_VALUE, new BackoffIdleStrategy()));
        assertTrue(lock.releaseAny());
    }

    @Test
    void aWordNamingAProcessThatIsGoneIsTakenOverWithOwnerDied() throws InterruptedException
    {
        final UnsafeBuffer buffer = region.buffer();
        buffer.putLongVolatile(region.dataOffset(), LockWordDescriptor.owner(200, 7));
        assertEquals(RobustLockWord.AcquireResult.OWNER_DIED, lock.acquire(Long.MAX_VALUE, new BackoffIdleStrategy()));
        assertEquals(lock.self(), lock.owner());
    }

    @Test
    void interruptedWaiterThrowsAndLeavesTheWordAlone() throws Exception
    {
        assertTrue(lock.tryAcquire());
        final Thread waiter = new Thread(() ->
        {
            try
            {
                lock.acquire(Long.MAX_VALUE, new BackoffIdleStrategy());
            }
            catch (final InterruptedException expected)
            {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        Thread.sleep(50);
        waiter.interrupt();
        waiter.join(TIMEOUT.toMillis());
        assertFalse(waiter.isAlive());
        assertEquals(lock.self(), lock.owner());
    }

    @Test
    void fourJvmsIncrementAPlainLongUnderTheWordWithoutLosingOne() throws Exception
    {
        final int perChild = 10_000;
        final List<ChildJvm> children = new ArrayList<>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                children.add(ChildJvm.start(LockWordChild.class, "increment", context.directory().toString(),
                    region.path().toString(), Integer.toString(perChild)));
            }
            for (final ChildJvm child : children)
            {
                assertEquals("done", child.awaitLine(TIMEOUT));
                assertEquals(0, child.awaitExit(TIMEOUT), child::stderr);
            }
        }
        finally
        {
            for (final ChildJvm child : children)
            {
                child.close();
            }
        }
        assertEquals(4L * perChild, region.buffer().getLongVolatile(region.dataOffset() +
            LockWordChild.COUNTER_OFFSET));
        assertEquals(LockWordDescriptor.FREE, lock.owner());
    }

    @Test
    void waiterTakesOverWithinASecondOfTheOwnersSigkill() throws Exception
    {
        try (ChildJvm owner = ChildJvm.start(LockWordChild.class, "hold", context.directory().toString(),
            region.path().toString()))
        {
            assertEquals("held", owner.awaitLine(TIMEOUT));
            final long ownerWord = lock.owner();
            assertTrue(lock.isAlive(ownerWord));
            assertEquals(RobustLockWord.AcquireResult.TIMED_OUT,
                lock.acquire(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200), new BackoffIdleStrategy()),
                "a live owner is not robbed");

            owner.process().destroyForcibly();
            final long killedAt = System.nanoTime();
            final RobustLockWord.AcquireResult result =
                lock.acquire(killedAt + TimeUnit.SECONDS.toNanos(10), new BackoffIdleStrategy());
            final long tookMs = (System.nanoTime() - killedAt) / 1_000_000;

            assertEquals(RobustLockWord.AcquireResult.OWNER_DIED, result);
            assertTrue(tookMs < 1_000, "took over " + tookMs + " ms after the SIGKILL");
            assertFalse(lock.isAlive(ownerWord));
            assertTrue(lock.release());
            assertTrue(owner.process().waitFor(10, TimeUnit.SECONDS));
        }
    }
}
