package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ProgressListener;
import io.multiprocessing4j.internal.jfr.PoolMapEvent;
import jdk.jfr.EventType;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The results of one pool call, gathered in order from its tasks as they complete; completes once, with all of
 * them or the first failure, and then calls its callback outside any lock. A failed or cancelled job asks for
 * its tasks no worker has begun to be withdrawn. Thread-safe: its tasks may complete on any thread.
 */
public final class PoolJob implements PoolCall
{
    private static final EventType POOL_MAP_EVENT = EventType.getEventType(PoolMapEvent.class);

    private final CollectingFuture<List<Object>> future;
    private final int size;
    private final boolean keepValues;
    private final Consumer<? super List<Object>> callback;
    private final Consumer<? super Throwable> errorCallback;
    private final Consumer<PoolJob> withdraw;
    /** The results so far: an int[], long[] or double[] while every chunk came back as one, else an Object[]. */
    private Object values;
    private ProgressListener progress;
    private long done;
    /** The most the listener has been told of; -1 before the first report. */
    private final AtomicLong reported = new AtomicLong(-1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Null unless the {@link PoolMapEvent} was enabled when the job began. */
    private final PoolMapEvent event;

    /**
     * @param size       how many arguments.
     * @param keepValues false when the workers write the results into a shared array.
     * @param withdraw   called once if the job fails or is cancelled, to withdraw its unstarted tasks.
     */
    public PoolJob(final ResultWaiter waiter, final int size, final boolean keepValues,
        final Consumer<? super List<Object>> callback, final Consumer<? super Throwable> errorCallback,
        final Consumer<PoolJob> withdraw)
    {
        future = new CollectingFuture<>(waiter);
        this.size = size;
        this.keepValues = keepValues;
        this.callback = callback;
        this.errorCallback = errorCallback;
        this.withdraw = withdraw;
        if (POOL_MAP_EVENT.isEnabled())
        {
            event = new PoolMapEvent();
            event.begin();
        }
        else
        {
            event = null;
        }
        if (0 == size)
        {
            succeed();
        }
    }

    /**
     * @return the results in argument order, or the first failure.
     */
    public CollectingFuture<List<Object>> future()
    {
        return future;
    }

    public boolean isDone()
    {
        return future.isDone();
    }

    /**
     * Takes the results of one of its tasks: a primitive array, a list, or {@link PoolValues#WRITTEN_TO_TARGET}.
     */
    public void complete(final PoolTask task, final Object results)
    {
        if (keepValues)
        {
            keep(task.offset, results);
        }
        final long doneNow;
        final ProgressListener listener;
        synchronized (this)
        {
            done += task.count;
            doneNow = done;
            listener = progress;
        }
        if (null != listener)
        {
            report(listener, doneNow);
        }
        if (doneNow == size)
        {
            succeed();
        }
    }

    private synchronized void keep(final int offset, final Object results)
    {
        if (null == values && !(results instanceof List))
        {
            values = Array.newInstance(results.getClass().getComponentType(), size);
        }
        if (null != values && values.getClass() == results.getClass())
        {
            System.arraycopy(results, 0, values, offset, Array.getLength(results));
            return;
        }
        if (!(values instanceof Object[]))
        {
            final Object[] boxed = new Object[size];
            if (null != values)
            {
                PoolValues.boxed(values).toArray(boxed);
            }
            values = boxed;
        }
        final List<Object> chunk = PoolValues.boxed(results);
        for (int i = 0, count = chunk.size(); i < count; i++)
        {
            ((Object[])values)[offset + i] = chunk.get(i);
        }
    }

    /**
     * Fails the job, unless it has completed already: its unstarted tasks are withdrawn, then the error callback
     * is called.
     */
    public void fail(final Throwable failure)
    {
        if (future.completeExceptionally(failure))
        {
            stop();
            commitEvent(failure);
            if (null != errorCallback)
            {
                errorCallback.accept(failure);
            }
        }
    }

    @Override
    public boolean cancel(final boolean mayInterruptIfRunning)
    {
        final boolean cancelled = future.cancel(mayInterruptIfRunning);
        if (cancelled && stop())
        {
            commitEvent(new CancellationException("cancelled"));
        }
        return cancelled;
    }

    /**
     * Withdraws the job's unstarted tasks, the first time it is called.
     *
     * @return whether this call did.
     */
    private boolean stop()
    {
        if (!stopped.compareAndSet(false, true))
        {
            return false;
        }
        withdraw.accept(this);
        return true;
    }

    @Override
    public void onProgress(final ProgressListener listener)
    {
        final long doneNow;
        synchronized (this)
        {
            progress = listener;
            doneNow = done;
            reported.set(-1); // a new listener is told where the job stands
        }
        report(listener, doneNow);
    }

    /**
     * Tells the listener, outside any lock, unless it has already been told of as much or more.
     */
    private void report(final ProgressListener listener, final long doneNow)
    {
        long last;
        do
        {
            last = reported.get();
            if (doneNow <= last)
            {
                return;
            }
        }
        while (!reported.compareAndSet(last, doneNow));
        listener.progress(doneNow, size);
    }

    private void commitEvent(final Throwable failure)
    {
        if (null != event && event.shouldCommit())
        {
            event.tasks = size;
            synchronized (this)
            {
                event.completed = done;
            }
            event.failure = null == failure ? null : failure.toString();
            event.commit();
        }
    }

    /**
     * Completes with the results as an unmodifiable list (boxing numbers as they are read).
     */
    private void succeed()
    {
        final List<Object> list;
        synchronized (this)
        {
            list = !keepValues ? null : null == values ? List.of() : values instanceof Object[] ?
                Collections.unmodifiableList(Arrays.asList((Object[])values)) : PoolValues.boxed(values);
        }
        if (future.complete(list))
        {
            commitEvent(null);
            if (null != callback)
            {
                callback.accept(list);
            }
        }
    }
}
