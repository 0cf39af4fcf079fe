package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.ProcessTable;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;

/**
 * A counting semaphore in shared memory whose permits come back when a process holding them dies: waiters
 * look for dead holders (through the context's {@link ProcessTable}) every
 * {@value RobustLockWord#LIVENESS_CHECK_INTERVAL_NS} ns and return their permits. Layout:
 * {@link SemaphoreDescriptor}. Acquiring counts the permit as held first and takes it from the pool second,
 * so a process killed between the two returns one permit it never took (a bounded semaphore clamps what it
 * returns to its bound less the permits live processes hold); a permit is never lost. Thread-safe; this is the
 * mechanism under the public semaphores.
 */
public final class RobustSemaphore
{
    private final AtomicBuffer buffer;
    private final int permitsOffset;
    private final int boundOffset;
    private final ProcessCountWords held;

    /**
     * @param buffer    the mapped region.
     * @param base      offset of the layout in it, 64-byte aligned.
     * @param processes the context's process table; this process must be registered.
     */
    public RobustSemaphore(final AtomicBuffer buffer, final int base, final ProcessTable processes)
    {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        buffer.boundsCheck(base, SemaphoreDescriptor.LENGTH);
        permitsOffset = base + SemaphoreDescriptor.PERMITS_OFFSET;
        boundOffset = base + SemaphoreDescriptor.BOUND_OFFSET;
        held = new ProcessCountWords(buffer, base + SemaphoreDescriptor.HELD_OFFSET, processes);
        giveBack(held.claimOwn(), 0);
    }

    /**
     * Writes a new semaphore's fields (before any other process can see it).
     */
    public static void initialize(final AtomicBuffer buffer, final int base, final long permits, final long bound)
    {
        buffer.putLong(base + SemaphoreDescriptor.BOUND_OFFSET, bound);
        buffer.putLongRelease(base + SemaphoreDescriptor.PERMITS_OFFSET, permits);
    }

    public long availablePermits()
    {
        return buffer.getLongVolatile(permitsOffset);
    }

    public long bound()
    {
        return buffer.getLongVolatile(boundOffset);
    }

    /**
     * @return permits this process holds.
     */
    public long held()
    {
        return held.own();
    }

    /**
     * Takes one permit, waiting with {@code idle} until {@code deadlineNanos}.
     *
     * @return whether a permit was taken.
     * @throws InterruptedException if interrupted while waiting; no permit is then taken.
     */
    public boolean acquire(final long deadlineNanos, final IdleStrategy idle) throws InterruptedException
    {
        if (held.own() >= ProcessCountWords.MAX_COUNT)
        {
            throw new IllegalStateException("this process already holds " + ProcessCountWords.MAX_COUNT + " permits");
        }
        held.add(1);
        boolean taken = false;
        try
        {
            idle.reset();
            long nextRecovery = System.nanoTime();
            while (true)
            {
                if (tryTake())
                {
                    taken = true;
                    return true;
                }
                if (System.nanoTime() - nextRecovery >= 0)
                {
                    MappedFiles.checkIntact(buffer);
                    recoverDeadHolders();
                    nextRecovery = System.nanoTime() + RobustLockWord.LIVENESS_CHECK_INTERVAL_NS;
                    continue;
                }
                if (Thread.interrupted())
                {
                    throw new InterruptedException("interrupted while waiting for a permit");
                }
                if (System.nanoTime() - deadlineNanos >= 0)
                {
                    return false;
                }
                idle.idle();
            }
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
        }
        finally
        {
            if (!taken)
            {
                held.add(-1);
            }
        }
    }

    /**
     * Returns one permit: one this process holds if it holds any (else, as Python allows, one it did not take).
     *
     * @throws IllegalStateException if the semaphore is bounded and already has its bound of permits available.
     */
    public void release()
    {
        final long bound = bound();
        while (true)
        {
            final long permits = buffer.getLongVolatile(permitsOffset);
            if (SemaphoreDescriptor.UNBOUNDED != bound && permits >= bound)
            {
                throw new IllegalStateException("semaphore released too many times (bound " + bound + ")");
            }
            if (buffer.compareAndSetLong(permitsOffset, permits, permits + 1))
            {
                break;
            }
        }
        held.decrementIfPositive();
    }

    /**
     * Stops counting one permit as held by this process without returning it: it now belongs to what it
     * admitted (an item put in a bounded queue), and whoever takes that item releases it.
     */
    public void handOver()
    {
        held.decrementIfPositive();
    }

    /**
     * Returns the permits of every holder that has died, each exactly once.
     *
     * @return how many permits came back.
     */
    public long recoverDeadHolders()
    {
        final long recovered = held.reclaimDead();
        return 0 == recovered ? 0 : giveBack(recovered, held.liveTotal());
    }

    private boolean tryTake()
    {
        final long permits = buffer.getLongVolatile(permitsOffset);
        return permits > 0 && buffer.compareAndSetLong(permitsOffset, permits, permits - 1);
    }

    /**
     * Adds {@code count} permits back, never (for a bounded semaphore) beyond the bound less those still held.
     */
    private long giveBack(final long count, final long liveHeld)
    {
        if (0 == count)
        {
            return 0;
        }
        final long bound = bound();
        while (true)
        {
            final long permits = buffer.getLongVolatile(permitsOffset);
            final long added = SemaphoreDescriptor.UNBOUNDED == bound ? count :
                Math.max(0, Math.min(count, bound - permits - liveHeld));
            if (buffer.compareAndSetLong(permitsOffset, permits, permits + added))
            {
                return added;
            }
        }
    }
}
