package io.multiprocessing4j.manager;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A {@code Lock} that lives in a manager: Python's {@code manager.Lock()} (not reentrant; any process may
 * unlock it) or {@code manager.RLock()} (reentrant, held by the thread that took it). A client that dies
 * holding it releases it: the manager sees its connection close. Waiting happens in the manager in slices,
 * so an interrupt or the manager's death ends it within a fraction of a second. Thread-safe.
 */
public class ManagedLock implements Lock, Serializable
{
    private static final long serialVersionUID = 1L;

    final Remote remote;

    ManagedLock(final Remote remote)
    {
        this.remote = remote;
    }

    public void lock()
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                remote.awaitInSlices("acquire(long)", null);
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
        remote.awaitInSlices("acquire(long)", null);
    }

    public boolean tryLock()
    {
        return (Boolean)remote.call("acquire(long)", 0L);
    }

    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        return tryLock(Duration.ofNanos(unit.toNanos(time)));
    }

    public boolean tryLock(final Duration timeout) throws InterruptedException
    {
        return remote.awaitInSlices("acquire(long)", Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * @throws IllegalMonitorStateException if the lock is not held (by this thread, for an {@code RLock}).
     */
    public void unlock()
    {
        remote.call("release()");
    }

    public boolean isLocked()
    {
        return (Boolean)remote.call("isLocked()");
    }

    /**
     * @throws UnsupportedOperationException always: make a {@link ManagedCondition} with {@link Manager#condition()}.
     */
    public Condition newCondition()
    {
        throw new UnsupportedOperationException("use Manager.condition(), which is its own lock");
    }

    public boolean equals(final Object other)
    {
        return other instanceof ManagedLock && remote.equals(((ManagedLock)other).remote);
    }

    public int hashCode()
    {
        return remote.hashCode();
    }

    public String toString()
    {
        return getClass().getSimpleName() + "[" + remote + "]";
    }
}
