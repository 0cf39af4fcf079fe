package io.multiprocessing4j.manager;

import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * A condition variable that lives in a manager with its own reentrant lock (Python's
 * {@code manager.Condition()}): {@link #lock()} it, then {@link #await()} or {@link #signal()}. As every
 * {@code Condition} may, {@code await} can return without a signal (here at least every 100 ms, so an
 * interrupt or the manager's death is seen): wait in a loop on the state you expect. Thread-safe.
 */
public final class ManagedCondition extends ManagedLock implements Condition
{
    private static final long serialVersionUID = 1L;

    ManagedCondition(final Remote remote)
    {
        super(remote);
    }

    public void await() throws InterruptedException
    {
        remote.callInterruptibly("await(long)", Remote.WAIT_SLICE_MS);
    }

    public void awaitUninterruptibly()
    {
        remote.call("await(long)", Remote.WAIT_SLICE_MS);
    }

    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        final long start = System.nanoTime();
        remote.callInterruptibly("await(long)", Math.max(0, Math.min(nanosTimeout / 1_000_000L, Remote.WAIT_SLICE_MS)));
        return nanosTimeout - (System.nanoTime() - start);
    }

    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        return awaitNanos(unit.toNanos(time)) > 0;
    }

    public boolean await(final Duration timeout) throws InterruptedException
    {
        return awaitNanos(Objects.requireNonNull(timeout, "timeout").toNanos()) > 0;
    }

    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        return awaitNanos(TimeUnit.MILLISECONDS.toNanos(deadline.getTime() - System.currentTimeMillis())) > 0;
    }

    public void signal()
    {
        remote.call("signal()");
    }

    public void signalAll()
    {
        remote.call("signalAll()");
    }
}
