package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.ShmContext;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The robust semaphore's bookkeeping in one process; the multi-JVM behaviour is tested in core.
 */
final class RobustSemaphoreTest
{
    @Test
    void deadHoldersPermitsComeBackExactlyOnceAndBoundedOnesAreClamped() throws InterruptedException
    {
        try (ShmContext context = ShmContext.create())
        {
            final MappedRegion region = context.newRegion(RegionType.SYNC, SemaphoreDescriptor.LENGTH);
            final UnsafeBuffer buffer = region.buffer();
            final int base = region.dataOffset();
            RobustSemaphore.initialize(buffer, base, 2, 2);
            final RobustSemaphore semaphore = new RobustSemaphore(buffer, base, context.processes());

            assertTrue(semaphore.acquire(System.nanoTime(), new BackoffIdleStrategy()));
            assertEquals(1, semaphore.held());
            assertEquals(1, semaphore.availablePermits());

            // a process in slot 200, now gone, took the other permit
            assertTrue(buffer.compareAndSetLong(base + SemaphoreDescriptor.PERMITS_OFFSET, 1, 0));
            buffer.putLongVolatile(base + SemaphoreDescriptor.HELD_OFFSET + ProcessCountWords.offset(200),
                ProcessCountWords.word(7, 1));
            assertEquals(1, semaphore.recoverDeadHolders());
            assertEquals(1, semaphore.availablePermits());
            assertEquals(0, semaphore.recoverDeadHolders(), "exactly once");

            buffer.putLongVolatile(base + SemaphoreDescriptor.HELD_OFFSET + ProcessCountWords.offset(201),
                ProcessCountWords.word(9, 5));
            assertEquals(0, semaphore.recoverDeadHolders(), "clamped: the bound of 2 is 1 available + 1 we hold");
            assertEquals(1, semaphore.availablePermits());
            semaphore.release();
            assertEquals(0, semaphore.held());
            assertThrows(IllegalStateException.class, semaphore::release);
        }
    }

    @Test
    void aTimedAcquireOnAnEmptySemaphoreGivesUpOnTimeAndHoldsNothing() throws InterruptedException
    {
        try (ShmContext context = ShmContext.create())
        {
            final MappedRegion region = context.newRegion(RegionType.SYNC, SemaphoreDescriptor.LENGTH);
            RobustSemaphore.initialize(region.buffer(), region.dataOffset(), 0, SemaphoreDescriptor.UNBOUNDED);
            final RobustSemaphore semaphore =
                new RobustSemaphore(region.buffer(), region.dataOffset(), context.processes());
            final long start = System.nanoTime();
            assertFalse(semaphore.acquire(start + TimeUnit.MILLISECONDS.toNanos(50), new BackoffIdleStrategy()));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
            assertEquals(0, semaphore.held());
            semaphore.release();
            semaphore.release();
            assertEquals(2, semaphore.availablePermits(), "an unbounded semaphore may be raised");
        }
    }
}
