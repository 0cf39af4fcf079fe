package io.multiprocessing4j.manager;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A cyclic barrier that lives in a manager (Python's {@code manager.Barrier(parties)}). One {@code await}
 * is one call that waits in the manager; interrupting it drops this thread's connection. Thread-safe.
 */
public final class ManagedBarrier implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;

    ManagedBarrier(final Remote remote)
    {
        this.remote = remote;
    }

    /**
     * @return the arrival index (parties - 1 for the first to arrive, 0 for the last).
     */
    public int await() throws InterruptedException, BrokenBarrierException
    {
        try
        {
            return await(Duration.ofMillis(Long.MAX_VALUE));
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public int await(final Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        try
        {
            return (Integer)remote.callInterruptibly("await(long)", Objects.requireNonNull(timeout,
                "timeout").toMillis());
        }
        catch (final io.multiprocessing4j.RemoteProcessException ex)
        {
            if (BrokenBarrierException.class.getName().equals(ex.remoteClassName()))
            {
                throw new BrokenBarrierException(ex.getMessage());
            }
            if (TimeoutException.class.getName().equals(ex.remoteClassName()))
            {
                throw new TimeoutException("the barrier did not trip within " + timeout);
            }
            throw ex;
        }
    }

    public void reset()
    {
        remote.call("reset()");
    }

    public boolean isBroken()
    {
        return (Boolean)remote.call("isBroken()");
    }

    public int parties()
    {
        return (Integer)remote.call("parties()");
    }

    public int numberWaiting()
    {
        return (Integer)remote.call("numberWaiting()");
    }

    public String toString()
    {
        return "ManagedBarrier[" + remote + "]";
    }
}
