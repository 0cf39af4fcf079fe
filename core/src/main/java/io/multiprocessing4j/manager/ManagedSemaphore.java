package io.multiprocessing4j.manager;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A counting semaphore that lives in a manager (Python's {@code manager.Semaphore(n)}). Permits a client
 * still holds when it dies come back. Thread-safe.
 */
public final class ManagedSemaphore implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;

    ManagedSemaphore(final Remote remote)
    {
        this.remote = remote;
    }

    public void acquire() throws InterruptedException
    {
        remote.awaitInSlices("acquire(long)", null);
    }

    public boolean tryAcquire()
    {
        return (Boolean)remote.call("acquire(long)", 0L);
    }

    public boolean tryAcquire(final Duration timeout) throws InterruptedException
    {
        return remote.awaitInSlices("acquire(long)", Objects.requireNonNull(timeout, "timeout"));
    }

    public void release()
    {
        remote.call("release()");
    }

    public int availablePermits()
    {
        return (Integer)remote.call("availablePermits()");
    }

    public boolean equals(final Object other)
    {
        return other instanceof ManagedSemaphore && remote.equals(((ManagedSemaphore)other).remote);
    }

    public int hashCode()
    {
        return remote.hashCode();
    }

    public String toString()
    {
        return "ManagedSemaphore[" + remote + "]";
    }
}
