package io.multiprocessing4j;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

/**
 * Python's {@code multiprocessing.Lock}: a {@link java.util.concurrent.locks.Lock} shared by every process
 * that has it, robust to its holder's death. Like Python's, it is not reentrant (a thread that locks it twice
 * waits for itself), and any thread of any process may unlock it, not only the one that locked it.
 * <p>
 * If the holder dies (even by SIGKILL), the next waiter takes the lock within milliseconds and is told so:
 * {@link HeldLock#ownerDied()} from {@link #hold()}, or {@link #lastAcquisitionFoundOwnerDead()}; what the
 * lock guarded may then be half-updated. A live holder is never robbed, however long it holds the lock.
 * Waiters wait as the context's {@link io.multiprocessing4j.shm.IdlePolicy} says (by default: spin, yield,
 * then park for up to a millisecond at a time, so a blocked waiter costs a few percent of a core at most). Passes to
 * child processes by handle. Thread-safe; use after {@link #close()}
 * throws {@link IllegalStateException}, and closing must not race with threads still using it.
 */
public final class SharedLock extends AbstractSharedLock
{
    private static final long serialVersionUID = 1L;

    private SharedLock(final MappedRegion region, final ShmContext context)
    {
        super(region, context);
    }

    /**
     * @param context where the lock lives; processes that use it join the context's process table.
     * @return a new, unlocked lock.
     */
    public static SharedLock create(final ShmContext context)
    {
        return new SharedLock(newLockRegion(context, "lock"), context);
    }

    /**
     * @param handle what {@link #handle()} returned in another JVM.
     * @return the same lock, in this JVM.
     */
    public static SharedLock attach(final SharedHandle handle)
    {
        final MappedRegion region = attachLockRegion(handle);
        return new SharedLock(region, contextOf(handle, region));
    }

    /**
     * Unlocks, whichever thread or process locked it (Python's {@code Lock.release()}).
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

    boolean reenter()
    {
        return false;
    }

    void acquired()
    {
    }
}
