package io.multiprocessing4j.manager;

import java.io.Serializable;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code BlockingQueue} that lives in a manager (Python's {@code manager.Queue()} and
 * {@code manager.JoinableQueue()}): bounded when made with a maxsize, with {@link #taskDone()} and
 * {@link #join()}. Blocking calls wait in the manager in slices, so an interrupt or the manager's death
 * ends them within a fraction of a second. {@link #iterator()} walks a copy. Thread-safe.
 *
 * @param <E> the elements; {@code null} is refused, as by every {@code BlockingQueue}.
 */
public final class ManagedQueue<E> extends AbstractQueue<E> implements BlockingQueue<E>, Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;

    ManagedQueue(final Remote remote)
    {
        this.remote = remote;
    }

    public void put(final E item) throws InterruptedException
    {
        offer(item, null);
    }

    public boolean offer(final E item)
    {
        Objects.requireNonNull(item, "item");
        return (Boolean)remote.call("put(java.lang.Object,long)", item, 0L);
    }

    public boolean offer(final E item, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return offer(item, Duration.ofNanos(unit.toNanos(timeout)));
    }

    private boolean offer(final E item, final Duration timeout) throws InterruptedException
    {
        return (Boolean)remote.callInSlices("put(java.lang.Object,long)", timeout, Objects.requireNonNull(item,
            "item"));
    }

    public E take() throws InterruptedException
    {
        return poll(null);
    }

    public E poll()
    {
        return cast(remote.call("take(long)", 0L));
    }

    public E poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return poll(Duration.ofNanos(unit.toNanos(timeout)));
    }

    /**
     * @return the head, or {@code null} if none came within {@code timeout} ({@code null}: wait for ever).
     */
    public E poll(final Duration timeout) throws InterruptedException
    {
        return cast(remote.callInSlices("take(long)", timeout, null));
    }

    public E peek()
    {
        return cast(remote.call("peek()"));
    }

    public int size()
    {
        return (Integer)remote.call("size()");
    }

    public int remainingCapacity()
    {
        return (Integer)remote.call("remainingCapacity()");
    }

    public int drainTo(final Collection<? super E> sink)
    {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    public int drainTo(final Collection<? super E> sink, final int maxElements)
    {
        Objects.requireNonNull(sink, "sink");
        if (sink == this)
        {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        int drained = 0;
        E item;
        while (drained < maxElements && null != (item = poll()))
        {
            sink.add(item);
            drained++;
        }
        return drained;
    }

    @SuppressWarnings("unchecked")
    public Iterator<E> iterator()
    {
        return (Iterator<E>)Arrays.asList((Object[])remote.call("snapshot()")).iterator();
    }

    /**
     * Marks one item taken as processed (Python's {@code task_done()}).
     *
     * @throws IllegalStateException if called more times than items were put.
     */
    public void taskDone()
    {
        remote.call("taskDone()");
    }

    /**
     * Waits until every item put has been marked done (Python's {@code join()}).
     */
    public void join() throws InterruptedException
    {
        remote.awaitInSlices("join(long)", null);
    }

    /**
     * @return whether every item put was marked done within {@code timeout}.
     */
    public boolean join(final Duration timeout) throws InterruptedException
    {
        return remote.awaitInSlices("join(long)", Objects.requireNonNull(timeout, "timeout"));
    }

    public boolean equals(final Object other)
    {
        return other instanceof ManagedQueue && remote.equals(((ManagedQueue<?>)other).remote);
    }

    public int hashCode()
    {
        return remote.hashCode();
    }

    public String toString()
    {
        return "ManagedQueue[" + remote + "]";
    }

    @SuppressWarnings("unchecked")
    private E cast(final Object item)
    {
        return (E)item;
    }
}
