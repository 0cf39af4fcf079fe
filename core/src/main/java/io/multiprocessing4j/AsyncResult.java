package io.multiprocessing4j;

import io.multiprocessing4j.internal.pool.PoolCall;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code AsyncResult}: a {@link Future} of a pool call. {@link #get()} returns the value or throws
 * an {@link ExecutionException} whose cause is what the function threw (with its remote stack trace), or a
 * {@link WorkerDiedException}. A thread waiting in {@code get} reads the workers' results itself, so the
 * result reaches it without a thread hand-off. Thread-safe.
 *
 * @param <R> the result's type.
 */
public final class AsyncResult<R> implements Future<R>
{
    private final CompletableFuture<R> future;
    private final PoolCall call;

    AsyncResult(final CompletableFuture<R> future, final PoolCall call)
    {
        this.future = future;
        this.call = call;
    }

    public R get() throws InterruptedException, ExecutionException
    {
        return future.get();
    }

    /**
     * @throws TimeoutException if the result is not ready within the timeout (Python's {@code get(timeout)}).
     */
    public R get(final long timeout, final TimeUnit unit) throws InterruptedException, ExecutionException,
        TimeoutException
    {
        return future.get(timeout, unit);
    }

    public R get(final Duration timeout) throws InterruptedException, ExecutionException, TimeoutException
    {
        Objects.requireNonNull(timeout, "timeout");
        return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * @return whether the call has completed (Python's {@code ready()}).
     */
    public boolean ready()
    {
        return future.isDone();
    }

    /**
     * @return whether the call completed without an exception (Python's {@code successful()}).
     * @throws IllegalStateException if it has not completed yet, as Python raises ValueError.
     */
    public boolean successful()
    {
        if (!future.isDone())
        {
            throw new IllegalStateException("the result is not ready");
        }
        return !future.isCompletedExceptionally();
    }

    /**
     * Waits up to {@code timeout} for the call to complete (Python's {@code wait(timeout)}).
     *
     * @return whether it completed.
     */
    public boolean await(final Duration timeout) throws InterruptedException
    {
        try
        {
            future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            return true;
        }
        catch (final TimeoutException ex)
        {
            return false;
        }
        return true;
    }

    /**
     * Registers a listener told how many arguments are done, now and after each completed chunk (a progress
     * bar for a long {@code mapAsync}); replaces any listener registered before. Costs nothing when unused.
     *
     * @return this, so that {@code pool.mapAsync(...).onProgress(...).get()} reads as one call.
     */
    public AsyncResult<R> onProgress(final ProgressListener listener)
    {
        call.onProgress(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Cancels the call: its tasks no worker has begun are withdrawn (a task a worker has begun runs to its end,
     * whatever {@code mayInterruptIfRunning} says, and its result is dropped).
     *
     * @return whether this call cancelled it (false if it had already completed).
     */
    public boolean cancel(final boolean mayInterruptIfRunning)
    {
        final boolean cancelled = future.cancel(mayInterruptIfRunning);
        if (cancelled)
        {
            call.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    public boolean isCancelled()
    {
        return future.isCancelled();
    }

    public boolean isDone()
    {
        return future.isDone();
    }

    /**
     * @return a view for composing: {@code thenApply}, {@code allOf}, and the like.
     */
    public CompletableFuture<R> toCompletableFuture()
    {
        return future;
    }
}
