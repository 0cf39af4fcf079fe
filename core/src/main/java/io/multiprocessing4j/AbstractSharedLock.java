package io.multiprocessing4j;

import io.multiprocessing4j.internal.jfr.LockOwnerDiedEvent;
import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.sync.LockWordDescriptor;
import io.multiprocessing4j.shm.sync.RobustLockWord;
import io.multiprocessing4j.shm.value.SharedObject;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * What {@link SharedLock} and {@link SharedReentrantLock} share: a {@link RobustLockWord} in a region of
 * its own, the {@link Lock} waiting methods, owner-death reporting and {@link #hold()}. Subclasses decide
 * what the holding thread may do: reenter, and who may unlock.
 */
abstract class AbstractSharedLock extends SharedObject implements Lock
{
    private static final long serialVersionUID = 1L;
    private static final int WORD_OFFSET = 0;
    final transient RobustLockWord word;
    private final transient ShmContext context;
    private transient volatile boolean lastOwnerDied;

    AbstractSharedLock(final MappedRegion region, final ShmContext context)
    {
        super(region);
        word = new RobustLockWord(region.buffer(), region.dataOffset() + WORD_OFFSET, context.processes());
        this.context = context;
    }

    static MappedRegion newLockRegion(final ShmContext context, final String label)
    {
        return newRegion(context, RegionType.SYNC, LockWordDescriptor.WORD_LENGTH / Long.BYTES, label,
            RegionPart.of(RegionPart.Kind.LOCK, WORD_OFFSET));
    }

    static MappedRegion attachLockRegion(final SharedHandle handle)
    {
        return attachRegion(handle, RegionType.SYNC);
    }

    /**
     * @return the context of a handle's region, joined by this JVM (a lock's or semaphore's holder must be in
     * its process table); closes {@code region} if that fails.
     */
    static ShmContext contextOf(final SharedHandle handle, final MappedRegion region)
    {
        try
        {
            return ShmContext.of(handle.file().getParent());
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * Locks, waiting as long as it takes; an interrupt while waiting is kept for later, as {@link Lock#lock()}
     * requires.
     */
    public final void lock()
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

    public final void lockInterruptibly() throws InterruptedException
    {
        acquire(Long.MAX_VALUE);
    }

    /**
     * @return whether the lock was free (or its holder dead) and is now held.
     */
    public final boolean tryLock()
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

    public final boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        return acquire(System.nanoTime() + Math.max(0, unit.toNanos(time)));
    }

    /**
     * Locks and returns a token that unlocks on close: {@code try (HeldLock held = lock.hold()) { ... }}.
     *
     * @return the token, which says whether the previous holder had died.
     */
    public final HeldLock hold()
    {
        lock();
        return new HeldLock(this, lastOwnerDied);
    }

    /**
     * @return whether the most recent acquisition in this JVM took the lock from a dead holder.
     */
    public final boolean lastAcquisitionFoundOwnerDead()
    {
        return lastOwnerDied;
    }

    /**
     * @return whether some live process holds it now (a dead holder's lock counts as free).
     */
    public final boolean isLocked()
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
    public final Condition newCondition()
    {
        throw new UnsupportedOperationException("a shared lock has no in-JVM conditions; use SharedCondition");
    }

    public String toString()
    {
        if (isClosed())
        {
            return getClass().getSimpleName() + "[closed]";
        }
        final long owner = word.owner();
        return getClass().getSimpleName() + "[" +
            (LockWordDescriptor.FREE == owner ? "unlocked" : "locked by " + word.describe(owner)) + ", " + handle() +
                "]";
    }

    /**
     * @return true if the calling thread already holds the lock and took it again (reentrant locks only).
     */
    abstract boolean reenter();

    /**
     * Called in the thread that has just taken the word.
     */
    abstract void acquired();

    private boolean acquire(final long deadlineNanos) throws InterruptedException
    {
        try
        {
            checkOpen();
            if (reenter())
            {
                return true;
            }
            if (word.tryAcquire())
            {
                if (lastOwnerDied)
                {
                    lastOwnerDied = false;
                }
                acquired();
                return true;
            }
            switch (word.acquire(deadlineNanos, context.idlePolicy().newIdleStrategy()))
            {
                case ACQUIRED:
                    lastOwnerDied = false;
                    acquired();
                    return true;
                case OWNER_DIED:
                    lastOwnerDied = true;
                    acquired();
                    context.recordError(new MultiprocessingException(getClass().getSimpleName() + " \"" + label() +
                        "\" (" + region().path().getFileName() +
                            ") was taken over from a holder that died holding it"));
                    final LockOwnerDiedEvent event = new LockOwnerDiedEvent();
                    if (event.shouldCommit())
                    {
                        event.lock = getClass().getSimpleName();
                        event.label = label();
                        event.file = region().path().toString();
                        event.commit();
                    }
                    return true;
                default:
                    return false;
            }
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }
}
