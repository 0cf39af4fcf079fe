package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.MultiprocessingException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The iterator of {@code imap} and {@code imapUnordered}: submits chunks as results are taken, a bounded number in
 * flight, so that the arguments are never all in memory. If the arguments throw, the results before the chunk
 * being gathered are returned and then {@code next()} throws what they threw, as CPython's {@code imap} does. Not
 * thread-safe, as an iterator.
 *
 * @param <T> the arguments' type.
 * @param <R> the results' type.
 */
final class StreamingResults<T, R> implements Iterator<R>
{
    private final Iterator<? extends T> arguments;
    private final int chunksize;
    private final int maxInFlight;
    private final boolean ordered;
    private final Function<List<Object>, CompletableFuture<List<Object>>> submit;
    private final ResultWaiter waiter;
    private final ArrayDeque<CompletableFuture<List<Object>>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    /** What the arguments threw, raised by {@code next()} once the results before it have been taken. */
    private RuntimeException inputFailure;

    /**
     * @param submit submits one chunk of arguments and returns its results' future.
     */
    StreamingResults(final Iterator<? extends T> arguments, final int chunksize, final int maxInFlight,
        final boolean ordered, final Function<List<Object>, CompletableFuture<List<Object>>> submit,
        final ResultWaiter waiter)
    {
        this.arguments = arguments;
        this.chunksize = chunksize;
        this.maxInFlight = maxInFlight;
        this.ordered = ordered;
        this.submit = submit;
        this.waiter = waiter;
        fill();
    }

    @Override
    public boolean hasNext()
    {
        return !ready.isEmpty() || !inFlight.isEmpty() || null != inputFailure;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next()
    {
        if (!hasNext())
        {
            throw new NoSuchElementException("no more results");
        }
        while (ready.isEmpty())
        {
            if (inFlight.isEmpty())
            {
                final RuntimeException failure = inputFailure;
                inputFailure = null;
                throw failure;
            }
            final CompletableFuture<List<Object>> next = ordered ? inFlight.poll() : takeAnyDone();
            try
            {
                ready.addAll(next.get());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a result");
            }
            catch (final ExecutionException ex)
            {
                throw new MultiprocessingException("a task failed: " + ex.getCause(), ex.getCause());
            }
            fill();
        }
        return (R)ready.poll();
    }

    private CompletableFuture<List<Object>> takeAnyDone()
    {
        try
        {
            waiter.awaitDone(() -> inFlight.stream().anyMatch(CompletableFuture::isDone), Long.MAX_VALUE);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a result");
        }
        for (final Iterator<CompletableFuture<List<Object>>> it = inFlight.iterator(); it.hasNext(); )
        {
            final CompletableFuture<List<Object>> future = it.next();
            if (future.isDone())
            {
                it.remove();
                return future;
            }
        }
        throw new IllegalStateException("no task done");
    }

    private void fill()
    {
        while (null == inputFailure && inFlight.size() < maxInFlight)
        {
            final List<Object> chunk = nextChunk();
            if (chunk.isEmpty())
            {
                return;
            }
            inFlight.add(submit.apply(chunk));
        }
    }

    /**
     * @return the next arguments, none at the end; if the arguments throw, the chunk being gathered is dropped and
     * the exception kept for {@code next()}.
     */
    private List<Object> nextChunk()
    {
        final List<Object> chunk = new ArrayList<>(chunksize);
        try
        {
            while (chunk.size() < chunksize && arguments.hasNext())
            {
                chunk.add(arguments.next());
            }
        }
        catch (final RuntimeException ex)
        {
            inputFailure = ex;
            chunk.clear();
        }
        return chunk;
    }
}
