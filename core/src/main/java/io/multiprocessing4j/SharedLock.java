package io.multiprocessing4j;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.sync.LockWordDescriptor;
import io.multiprocessing4j.shm.sync.RobustLockWord;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * Python's {@code multiprocessing.Lock}: a {@link Lock} shared by every process that has it, robust to its
 * holder's death. Like Python's, it is not reentrant (a process that locks it twice waits for itself), and
 * any process may unlock it, not only the one that locked it.
 * <p>
 * If the holder dies (even by SIGKILL), the next waiter takes the lock within milliseconds and is told so:
 * {@link Held#ownerDied()} from {@link #hold()}, or {@link #lastAcquisitionFoundOwnerDead()}; what the lock
 * guarded may then be half-updated. A live holder is never robbed, however long it holds the lock. Waiters
 * spin briefly, then yield, then park for up to a millisecond at a time, so a blocked waiter costs a few
 * percent of a core at most. Passes to child processes by handle. Thread-safe; use after {@link #close()}
 * throws {@link IllegalStateException}, and closing must not race with threads still using it.
 */
public final class SharedLock extends SharedObject implements Lock
{
    private static final long serialVersionUID = 1L;
    private static final int WORD_OFFSET = 0;
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * A contended hand-off usually completes within microseconds, and a parked waiter wakes only after tens
     * of microseconds, so waiters spin and yield for a while before they park.
     */
    private static final int SPINS = Integer.getInteger("mp4j.lock.spins", 10_000);
    private static final int YIELDS = Integer.getInteger("mp4j.lock.yields", 100);

    private final transient RobustLockWord word;
    private transient volatile boolean lastOwnerDied;

    private SharedLock(final MappedRegion region, final ShmContext context)
    {
        super(region);
        word = new RobustLockWord(region.buffer(), region.dataOffset() + WORD_OFFSET, context.processes());
    }

    /**
     * @param context where the lock lives; processes that use it join the context's process table.
     * @return a new, unlocked lock.
     */
    public static SharedLock create(final ShmContext context)
    {
        return new SharedLock(newRegion(context, RegionType.SYNC, LockWordDescriptor.WORD_LENGTH / Long.BYTES),
            context);
    }

    /**
     * @param handle what {@link #handle()} returned in another JVM.
     * @return the same lock, in this JVM.
     */
    public static SharedLock attach(final SharedHandle handle)
    {
        final MappedRegion region = attachRegion(handle, RegionType.SYNC);
        try
        {
            return new SharedLock(region, ShmContext.of(handle.file().getParent()));
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * Locks, waiting as long as it takes; an interrupt while waiting is kept for later, as {@link Lock#lock()} requires.
     */
    public void lock()
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                acquire(Long.MAX_VALUE);
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    public void lockInterruptibly() throws InterruptedException
    {
        acquire(Long.MAX_VALUE);
    }

    /**
     * @return whether the lock was free (or its holder dead) and is now held by this process.
     */
    public boolean tryLock()
    {
        try
        {
            return acquire(System.nanoTime());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        final long timeout = unit.toNanos(time);
        return acquire(System.nanoTime() + Math.max(0, timeout));
    }

    /**
     * Unlocks, whichever process locked it (Python's {@code Lock.release()}).
     *
     * @throws IllegalMonitorStateException if it is not locked.
     */
    public void unlock()
    {
        checkOpen();
        if (!word.releaseAny())
        {
            throw new IllegalMonitorStateException("unlock of an unlocked SharedLock " + handle());
        }
    }

    /**
     * Locks and returns a token that unlocks on close: {@code try (SharedLock.Held held = lock.hold()) { ... }}.
     *
     * @return the token, which says whether the previous holder had died.
     */
    public Held hold()
    {
        lock();
        return new Held(this, lastOwnerDied);
    }

    /**
     * @return whether the most recent acquisition in this JVM took the lock from a dead holder.
     */
    public boolean lastAcquisitionFoundOwnerDead()
    {
        return lastOwnerDied;
    }

    /**
     * @return whether some live process holds it now (a dead holder's lock counts as free).
     */
    public boolean isLocked()
    {
        checkOpen();
        final long owner = word.owner();
        return LockWordDescriptor.FREE != owner && word.isAlive(owner);
    }

    /**
     * Not available: {@code SharedCondition} will be bound to a shared lock.
     *
     * @throws UnsupportedOperationException always.
     */
    public Condition newCondition()
    {
        throw new UnsupportedOperationException("a SharedLock has no in-JVM conditions; use SharedCondition");
    }

    public String toString()
    {
        if (isClosed())
        {
            return "SharedLock[closed]";
        }
        final long owner = word.owner();
        return "SharedLock[" + (LockWordDescriptor.FREE == owner ? "unlocked" : "locked by " + word.describe(owner)) +
            ", " + handle() + "]";
    }

    private boolean acquire(final long deadlineNanos) throws InterruptedException
    {
        checkOpen();
        if (word.tryAcquire())
        {
            if (lastOwnerDied)
            {
                lastOwnerDied = false;
            }
            return true;
        }
        final IdleStrategy idle = new BackoffIdleStrategy(SPINS, YIELDS, 1_000, MAX_PARK_NS);
        switch (word.acquire(deadlineNanos, idle))
        {
            case ACQUIRED:
                lastOwnerDied = false;
                return true;
            case OWNER_DIED:
                lastOwnerDied = true;
                return true;
            default:
                return false;
        }
    }


    /**
     * A held {@link SharedLock}; closing it unlocks.
     */
    public static final class Held implements AutoCloseable
    {
        private final SharedLock lock;
        private final boolean ownerDied;
        private boolean closed;

        Held(final SharedLock lock, final boolean ownerDied)
        {
            this.lock = lock;
            this.ownerDied = ownerDied;
        }

        /**
         * @return whether the lock was taken over from a holder that died (its data may be inconsistent).
         */
        public boolean ownerDied()
        {
            return ownerDied;
        }

        public void close()
        {
            if (!closed)
            {
                closed = true;
                lock.unlock();
            }
        }
    }
}
