package io.multiprocessing4j;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

/**
 * Python's {@code multiprocessing.RLock}: a reentrant {@link java.util.concurrent.locks.Lock} shared by every
 * process that has it, held by one thread of one process at a time. The holding thread may lock it again;
 * it is free once unlocked as many times. Only the holding thread may unlock it
 * ({@link IllegalMonitorStateException} otherwise). Robust to the holder's death exactly as {@link SharedLock}:
 * the next waiter takes it within milliseconds and is told so ({@link HeldLock#ownerDied()}). Passes to
 * child processes by handle. Thread-safe; use after {@link #close()} throws {@link IllegalStateException}.
 */
public final class SharedReentrantLock extends AbstractSharedLock
{
    private static final long serialVersionUID = 1L;

    private transient volatile Thread owner;
    private transient int holds;

    private SharedReentrantLock(final MappedRegion region, final ShmContext context)
    {
        super(region, context);
    }

    /**
     * @param context where the lock lives; processes that use it join the context's process table.
     * @return a new, unlocked lock.
     */
    public static SharedReentrantLock create(final ShmContext context)
    {
        return new SharedReentrantLock(newLockRegion(context, "rlock"), context);
    }

    /**
     * @param handle what {@link #handle()} returned in another JVM.
     * @return the same lock, in this JVM.
     */
    public static SharedReentrantLock attach(final SharedHandle handle)
    {
        final MappedRegion region = attachLockRegion(handle);
        return new SharedReentrantLock(region, contextOf(handle, region));
    }

    /**
     * Undoes one {@code lock()} of the calling thread; the last one frees the lock.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold it.
     */
    public void unlock()
    {
        checkOpen();
        if (Thread.currentThread() != owner)
        {
            throw new IllegalMonitorStateException("unlock of a SharedReentrantLock not held by this thread " +
                Thread.currentThread().getName() + ": " + this);
        }
        if (--holds == 0)
        {
            owner = null;
            if (!word.release())
            {
                throw new IllegalMonitorStateException("this process no longer holds " + this);
            }
        }
    }

    public boolean isHeldByCurrentThread()
    {
        return Thread.currentThread() == owner;
    }

    /**
     * @return how many times the calling thread holds it (0 if it does not).
     */
    public int getHoldCount()
    {
        return isHeldByCurrentThread() ? holds : 0;
    }

    boolean reenter()
    {
        if (Thread.currentThread() != owner)
        {
            return false;
        }
        if (holds == Integer.MAX_VALUE)
        {
            throw new Error("maximum lock count exceeded");
        }
        holds++;
        return true;
    }

    void acquired()
    {
        holds = 1;
        owner = Thread.currentThread();
    }
}
