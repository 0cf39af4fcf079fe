package io.multiprocessing4j.internal.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool call's {@link CompletableFuture}: a thread that waits on it (or on a future derived from it with
 * {@code thenApply} and the like) reads the workers' results itself instead of being woken by the pool's
 * result thread, which saves a thread hand-off on every round trip. Thread-safe.
 *
 * @param <T> the value's type.
 */
public final class CollectingFuture<T> extends CompletableFuture<T>
{
    private final ResultWaiter waiter;

    public CollectingFuture(final ResultWaiter waiter)
    {
        this.waiter = waiter;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture()
    {
        return new CollectingFuture<>(waiter);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException
    {
        waiter.awaitDone(this::isDone, Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public T get(final long timeout, final TimeUnit unit) throws InterruptedException, ExecutionException,
        TimeoutException
    {
        if (!waiter.awaitDone(this::isDone, unit.toNanos(timeout)))
        {
            throw new TimeoutException("no result within " + timeout + " " + unit.toString().toLowerCase());
        }
        return super.get();
    }

    @Override
    public T join()
    {
        try
        {
            waiter.awaitDone(this::isDone, Long.MAX_VALUE);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return super.join();
    }
}
