package io.multiprocessing4j.manager;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * An event flag that lives in a manager (Python's {@code manager.Event()}, the one seed 003 hands to a
 * pool task). Thread-safe.
 */
public final class ManagedEvent implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;

    ManagedEvent(final Remote remote)
    {
        this.remote = remote;
    }

    public void set()
    {
        remote.call("set()");
    }

    public void clear()
    {
        remote.call("clear()");
    }

    public boolean isSet()
    {
        return (Boolean)remote.call("isSet()");
    }

    public void await() throws InterruptedException
    {
        remote.awaitInSlices("await(long)", null);
    }

    /**
     * @return whether the flag was set within {@code timeout} (Python's {@code wait(timeout)}).
     */
    public boolean await(final Duration timeout) throws InterruptedException
    {
        return remote.awaitInSlices("await(long)", Objects.requireNonNull(timeout, "timeout"));
    }

    public boolean equals(final Object other)
    {
        return other instanceof ManagedEvent && remote.equals(((ManagedEvent)other).remote);
    }

    public int hashCode()
    {
        return remote.hashCode();
    }

    public String toString()
    {
        return "ManagedEvent[" + remote + "]";
    }
}
