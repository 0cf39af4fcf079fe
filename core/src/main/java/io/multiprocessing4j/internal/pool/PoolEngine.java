package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.shm.value.SharedObject;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * What runs a {@code Pool}'s calls: {@link LocalPool} on this host's worker JVMs, or a cluster backend (the
 * {@code multiprocessing4j-cluster} module) on other hosts' members. {@code Pool} and {@code ProcessPoolExecutor}
 * are facades over one; {@link PoolFacades} makes a {@code Pool} of an engine. Implementations are thread-safe.
 */
public interface PoolEngine extends ResultWaiter
{
    /**
     * Submits {@code function} over {@code arguments} in chunks; an argument or function that cannot be encoded
     * fails the job, not the call.
     *
     * @param chunksize arguments per task; 0 for Python's default.
     * @throws IllegalStateException if the pool is closed.
     */
    PoolJob submit(Object function, List<Object> arguments, int chunksize, Consumer<? super List<Object>> callback,
        Consumer<? super Throwable> errorCallback);

    /**
     * Maps every element of shared array {@code source} into the same index of {@code target}.
     *
     * @param chunksize elements per task; 0 for Python's default.
     * @throws UnsupportedOperationException if the engine's workers cannot reach this host's shared memory.
     */
    PoolJob mapInPlace(Object function, SharedObject source, SharedObject target, int chunksize);

    /**
     * Maps a plain {@code int[]}, {@code long[]} or {@code double[]}.
     *
     * @return the results, in a new array of the same kind.
     */
    Object mapArray(Object function, Object values) throws InterruptedException, ExecutionException;

    /**
     * Streams {@code function} over {@code arguments}, {@link #chunksInFlight} chunks at most in flight.
     *
     * @param ordered whether results come in argument order ({@code imap}) or as they complete.
     */
    default <T, R> Iterator<R> imap(final Object function, final Iterator<? extends T> arguments,
        final int chunksize, final boolean ordered)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(arguments, "arguments");
        return new StreamingResults<T, R>(arguments, chunksize, chunksInFlight(), ordered,
            chunk -> submit(function, chunk, chunk.size(), null, null).future(), this);
    }

    /**
     * @return how many chunks an {@link #imap} keeps in flight: enough to keep every worker busy.
     */
    int chunksInFlight();

    /**
     * @return the same adapter each time for a two- or three-argument function, applied to a list of arguments.
     */
    <R> PoolFunction<List<Object>, R> unpacker(Serializable function);

    /**
     * @return the pids of the processes that run tasks now.
     */
    List<Long> workerPids();

    /**
     * Takes no more tasks, waits for those taken, and lets the workers go; if interrupted, terminates instead
     * and keeps the interrupt. Idempotent.
     */
    void close();

    /**
     * Stops at once; calls not done fail with {@link java.util.concurrent.CancellationException}. Idempotent.
     */
    void terminate();

    boolean isTerminated();

    /**
     * @return whether no task was waiting or running within {@code timeout}.
     */
    boolean awaitQuiet(Duration timeout) throws InterruptedException;

    /**
     * @return the directory of the engine's shared files on this host.
     * @throws UnsupportedOperationException if it has none.
     */
    Path contextDirectory();
}
