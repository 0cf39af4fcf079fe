package io.multiprocessing4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool call's {@link CompletableFuture}: a thread that waits on it (or on a future derived from it with
 * {@code thenApply} and the like) reads the workers' results itself instead of being woken by the pool's
 * result thread, which saves a thread hand-off on every round trip. Thread-safe.
 */
final class PoolFuture<T> extends CompletableFuture<T>
{
    private final Pool pool;

    PoolFuture(final Pool pool)
    {
        this.pool = pool;
    }

    public <U> CompletableFuture<U> newIncompleteFuture()
    {
        return new PoolFuture<>(pool);
    }

    public T get() throws InterruptedException, ExecutionException
    {
        pool.awaitDone(this::isDone, Long.MAX_VALUE);
        return super.get();
    }

    public T get(final long timeout, final TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException
    {
        if (!pool.awaitDone(this::isDone, unit.toNanos(timeout)))
        {
            throw new TimeoutException("no result within " + timeout + " " + unit.toString().toLowerCase());
        }
        return super.get();
    }

    public T join()
    {
        try
        {
            pool.awaitDone(this::isDone, Long.MAX_VALUE);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return super.join();
    }
}
