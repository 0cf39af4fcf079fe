package io.multiprocessing4j;

import io.multiprocessing4j.function.PoolBiFunction;
import io.multiprocessing4j.function.PoolDoubleOperator;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.PoolIntOperator;
import io.multiprocessing4j.function.PoolLongOperator;
import io.multiprocessing4j.function.PoolTriFunction;
import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.internal.pool.LocalPool;
import io.multiprocessing4j.internal.pool.PoolEngine;
import io.multiprocessing4j.internal.pool.PoolFacades;
import io.multiprocessing4j.internal.pool.PoolJob;
import io.multiprocessing4j.internal.pool.PoolSettings;
import io.multiprocessing4j.internal.process.SerializedFunctions;
import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.JvmFlags;
import io.multiprocessing4j.shm.value.SharedDoubleArray;
import io.multiprocessing4j.shm.value.SharedIntArray;
import io.multiprocessing4j.shm.value.SharedLongArray;
import io.multiprocessing4j.shm.value.SharedObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import static io.multiprocessing4j.internal.pool.PoolSettings.checkChunksize;

/**
 * Python's {@code multiprocessing.Pool}: worker JVMs that apply functions to arguments. {@link #apply},
 * {@link #applyAsync}, {@link #map}, {@link #mapAsync}, {@link #starmap}, {@link #imap} and
 * {@link #imapUnordered}, with Python's chunking; each function is encoded once per pool and sent once to
 * each worker that needs it.
 * <p>
 * Tasks and results travel as fixed-layout records in rings (boxed numbers as primitives, other values through
 * the codec); a map over an {@code int[]}, {@code long[]} or {@code double[]}, or over a shared array, makes no
 * codec call at all. How the engine is built: {@code io.multiprocessing4j.internal.pool.LocalPool}.
 * <p>
 * A worker that dies (SIGKILL, {@code System.exit}, a crash) is seen within milliseconds: the task it was
 * running fails with {@link WorkerDiedException} naming its pid and exit status, or is retried if the pool was
 * built with {@link Builder#retries(int) retries}; tasks it had not started go to other workers; a new worker
 * takes its place and the pool goes on. A task that runs past the {@link Builder#taskTimeout task timeout}
 * has its worker killed and fails with {@link TaskTimeoutException}. What a function throws reaches the
 * caller as the cause of an {@link ExecutionException}, with its remote stack trace.
 * <p>
 * Results are read by whichever thread is waiting for one (in {@code get}) or else by the pool's result
 * thread; callbacks run in that thread and should return quickly, as in Python.
 * <p>
 * {@link #close()} (and try-with-resources) takes no more tasks, waits for those submitted, and stops the
 * workers: Python's {@code close()} then {@code join()}. {@link #terminate()} stops at once (Python's
 * {@code with Pool() as p:} terminates on exit; Java's {@code close()} drains, as an {@code ExecutorService}
 * does). Thread-safe.
 */
public final class Pool implements AutoCloseable
{
    /** A chunk size no caller can give: Python's default, from the length and the number of workers. */
    private static final int DEFAULT_CHUNKSIZE = 0;

    /** The engine; {@link ProcessPoolExecutor} also waits on it for quiet. */
    final PoolEngine engine;

    static
    {
        PoolFacades.register(Pool::new);
    }

    private Pool(final PoolEngine engine)
    {
        this.engine = engine;
    }

    /** @return a pool of {@link Multiprocessing#cpuCount()} workers. */
    public static Pool create()
    {
        return builder().build();
    }

    /** @param processes how many workers (Python's {@code processes}). */
    public static Pool create(final int processes)
    {
        return builder().processes(processes).build();
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Applies {@code function} to {@code argument} in a worker and waits for the result (Python's {@code apply}).
     *
     * @throws ExecutionException with what the function threw as its cause.
     */
    public <T, R> R apply(final PoolFunction<T, R> function, final T argument)
        throws InterruptedException, ExecutionException
    {
        return applyAsync(function, argument).get();
    }

    public <T, R> AsyncResult<R> applyAsync(final PoolFunction<T, R> function, final T argument)
    {
        return applyAsync(function, argument, null, null);
    }

    /**
     * @param callback      called with the result, once (or {@code null}).
     * @param errorCallback called with what failed the call, once (or {@code null}).
     */
    @SuppressWarnings("unchecked")
    public <T, R> AsyncResult<R> applyAsync(final PoolFunction<T, R> function, final T argument,
        final Consumer<? super R> callback, final Consumer<? super Throwable> errorCallback)
    {
        final PoolJob job = engine.submit(function, Collections.singletonList(argument), 1,
            null == callback ? null : list -> callback.accept((R)list.get(0)), errorCallback);
        return new AsyncResult<>(job.future().thenApply(list -> (R)list.get(0)), job);
    }

    /**
     * Applies {@code function} to every argument, in chunks of Python's default size, and waits for all the
     * results, in order (Python's {@code map}). The first failure fails the map.
     */
    public <T, R> List<R> map(final PoolFunction<T, R> function, final Iterable<? extends T> arguments)
        throws InterruptedException, ExecutionException
    {
        return mapAsync(function, arguments).get();
    }

    public <T, R> List<R> map(final PoolFunction<T, R> function, final Iterable<? extends T> arguments,
        final int chunksize) throws InterruptedException, ExecutionException
    {
        return mapAsync(function, arguments, chunksize).get();
    }

    /**
     * Python's {@code map_async(function, arguments)}: chunks of Python's default size (length / (4 × workers),
     * rounded up).
     */
    public <T, R> AsyncResult<List<R>> mapAsync(final PoolFunction<T, R> function,
        final Iterable<? extends T> arguments)
    {
        return mapChunked(function, arguments, DEFAULT_CHUNKSIZE, null, null);
    }

    /**
     * @param chunksize arguments per task, at least 1.
     */
    public <T, R> AsyncResult<List<R>> mapAsync(final PoolFunction<T, R> function,
        final Iterable<? extends T> arguments, final int chunksize)
    {
        return mapChunked(function, arguments, checkChunksize(chunksize), null, null);
    }

    /**
     * Python's {@code map_async(function, arguments, callback=..., error_callback=...)}, default chunks.
     */
    public <T, R> AsyncResult<List<R>> mapAsync(final PoolFunction<T, R> function,
        final Iterable<? extends T> arguments, final Consumer<? super List<R>> callback,
        final Consumer<? super Throwable> errorCallback)
    {
        return mapChunked(function, arguments, DEFAULT_CHUNKSIZE, callback, errorCallback);
    }

    public <T, R> AsyncResult<List<R>> mapAsync(final PoolFunction<T, R> function,
        final Iterable<? extends T> arguments, final int chunksize, final Consumer<? super List<R>> callback,
        final Consumer<? super Throwable> errorCallback)
    {
        return mapChunked(function, arguments, checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Squares, scales, or otherwise maps every element of {@code values} in the workers, with no codec call:
     * each worker reads its chunks from a shared copy of the array and writes the results into a shared
     * result array.
     *
     * @return the results, in order.
     */
    public int[] map(final PoolIntOperator function, final int[] values) throws InterruptedException, ExecutionException
    {
        return (int[])engine.mapArray(function, values);
    }

    public long[] map(final PoolLongOperator function, final long[] values)
        throws InterruptedException, ExecutionException
    {
        return (long[])engine.mapArray(function, values);
    }

    public double[] map(final PoolDoubleOperator function, final double[] values)
        throws InterruptedException, ExecutionException
    {
        return (double[])engine.mapArray(function, values);
    }

    /**
     * Maps every element of {@code source} into the same index of {@code target} (which may be
     * {@code source} itself), in the workers, with no copy in this JVM and no codec call.
     *
     * Chunks are of Python's default size; the overloads with a {@code chunksize} (at least 1) set it.
     *
     * @throws IllegalArgumentException if {@code target} is shorter than {@code source}.
     */
    public AsyncResult<Void> mapAsync(final PoolIntOperator function, final SharedIntArray source,
        final SharedIntArray target)
    {
        return mapInPlace(function, source, target, DEFAULT_CHUNKSIZE);
    }

    public AsyncResult<Void> mapAsync(final PoolIntOperator function, final SharedIntArray source,
        final SharedIntArray target, final int chunksize)
    {
        return mapInPlace(function, source, target, checkChunksize(chunksize));
    }

    public AsyncResult<Void> mapAsync(final PoolLongOperator function, final SharedLongArray source,
        final SharedLongArray target)
    {
        return mapInPlace(function, source, target, DEFAULT_CHUNKSIZE);
    }

    public AsyncResult<Void> mapAsync(final PoolLongOperator function, final SharedLongArray source,
        final SharedLongArray target, final int chunksize)
    {
        return mapInPlace(function, source, target, checkChunksize(chunksize));
    }

    public AsyncResult<Void> mapAsync(final PoolDoubleOperator function, final SharedDoubleArray source,
        final SharedDoubleArray target)
    {
        return mapInPlace(function, source, target, DEFAULT_CHUNKSIZE);
    }

    public AsyncResult<Void> mapAsync(final PoolDoubleOperator function, final SharedDoubleArray source,
        final SharedDoubleArray target, final int chunksize)
    {
        return mapInPlace(function, source, target, checkChunksize(chunksize));
    }

    /**
     * Applies a two-argument function to each pair (Python's {@code starmap} over 2-tuples), in order.
     *
     * @param pairs the argument pairs, e.g. {@code List.of(Map.entry(1, 2), Map.entry(3, 4))}.
     */
    public <A, B, R> List<R> starmap(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
        throws InterruptedException, ExecutionException
    {
        return starmapAsync(function, pairs).get();
    }

    /**
     * Python's {@code starmap_async} over 2-tuples, default chunks.
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
    {
        return mapChunked(engine.<R>unpacker(function), LocalPool.pairs(pairs), DEFAULT_CHUNKSIZE, null, null);
    }

    public <A, B, R> AsyncResult<List<R>> starmapAsync(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, final int chunksize)
    {
        return mapChunked(engine.<R>unpacker(function), LocalPool.pairs(pairs), checkChunksize(chunksize), null, null);
    }

    /**
     * Applies a three-argument function to each list of three arguments (Python's {@code starmap} over
     * 3-tuples), in order.
     *
     * @param triples the argument lists, e.g. {@code List.of(List.of(1, 2, 3), List.of(4, 5, 6))}.
     * @throws IllegalArgumentException if an argument list does not have three elements.
     */
    public <A, B, C, R> List<R> starmap(final PoolTriFunction<A, B, C, R> function,
        final Iterable<? extends List<?>> triples) throws InterruptedException, ExecutionException
    {
        return starmapAsync(function, triples).get();
    }

    /**
     * Python's {@code starmap_async} over 3-tuples, default chunks.
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(final PoolTriFunction<A, B, C, R> function,
        final Iterable<? extends List<?>> triples)
    {
        return mapChunked(engine.<R>unpacker(function), LocalPool.triples(triples), DEFAULT_CHUNKSIZE, null, null);
    }

    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(final PoolTriFunction<A, B, C, R> function,
        final Iterable<? extends List<?>> triples, final int chunksize)
    {
        return mapChunked(engine.<R>unpacker(function), LocalPool.triples(triples), checkChunksize(chunksize), null,
            null);
    }

    /**
     * Applies {@code function} to the arguments lazily, {@code chunksize} at a time (default 1, as in
     * Python), keeping a bounded number of chunks in flight, and returns the results in order as they are
     * ready (Python's {@code imap}). An infinite iterator of arguments is fine. If the arguments throw, the
     * results before the failing chunk come first, then {@code next()} throws what they threw.
     */
    public <T, R> Iterator<R> imap(final PoolFunction<T, R> function, final Iterator<? extends T> arguments,
        final int chunksize)
    {
        return engine.imap(function, arguments, checkChunksize(chunksize), true);
    }

    public <T, R> Iterator<R> imap(final PoolFunction<T, R> function, final Iterable<? extends T> arguments)
    {
        return imap(function, arguments.iterator(), 1);
    }

    /**
     * Like {@link #imap}, with results in the order they complete (Python's {@code imap_unordered}).
     */
    public <T, R> Iterator<R> imapUnordered(final PoolFunction<T, R> function,
        final Iterator<? extends T> arguments, final int chunksize)
    {
        return engine.imap(function, arguments, checkChunksize(chunksize), false);
    }

    public <T, R> Iterator<R> imapUnordered(final PoolFunction<T, R> function, final Iterable<? extends T> arguments)
    {
        return imapUnordered(function, arguments.iterator(), 1);
    }

    /**
     * @return the workers' pids now (a worker replaced after a death or {@code maxTasksPerChild} has a new one).
     */
    public List<Long> workerPids()
    {
        return engine.workerPids();
    }

    /**
     * Takes no more tasks, waits for those submitted, then stops the workers and removes the pool's files:
     * Python's {@code close()} followed by {@code join()}. If interrupted while waiting, it terminates the pool
     * (as {@code ExecutorService.close()} does) and keeps the interrupt. Idempotent.
     */
    @Override
    public void close()
    {
        engine.close();
    }

    /**
     * Stops the workers at once (SIGKILL); unfinished calls fail with {@link CancellationException}. Idempotent.
     */
    public void terminate()
    {
        engine.terminate();
    }

    /**
     * @return whether the pool has been closed or terminated and its workers stopped.
     */
    public boolean isTerminated()
    {
        return engine.isTerminated();
    }

    /**
     * @return the directory of the pool's shared files: {@code mp shm stat} on it shows each worker's rings and
     * task counts, and {@link io.multiprocessing4j.shm.ShmContexts#errors} what failed in the pool's processes.
     * @throws UnsupportedOperationException for a pool on a cluster, which has no such directory.
     */
    public Path contextDirectory()
    {
        return engine.contextDirectory();
    }

    @Override
    public String toString()
    {
        return engine.toString();
    }

    @SuppressWarnings("unchecked")
    private <T, R> AsyncResult<List<R>> mapChunked(final PoolFunction<T, R> function,
        final Iterable<? extends T> arguments, final int chunksize, final Consumer<? super List<R>> callback,
        final Consumer<? super Throwable> errorCallback)
    {
        final PoolJob job = engine.submit(function, LocalPool.listOf(arguments), chunksize,
            null == callback ? null : list -> callback.accept((List<R>)(List<?>)list), errorCallback);
        return new AsyncResult<>(job.future().thenApply(list -> (List<R>)(List<?>)list), job);
    }

    private AsyncResult<Void> mapInPlace(final Object function, final SharedObject source,
        final SharedObject target, final int chunksize)
    {
        final PoolJob job = engine.mapInPlace(function, source, target, chunksize);
        return new AsyncResult<>(job.future().thenApply(ignored -> null), job);
    }

    /**
     * How a pool is built: Python's {@code Pool(processes, initializer, maxtasksperchild)} and the context.
     */
    public static final class Builder
    {
        private int processes = Multiprocessing.cpuCount();
        private ProcessTarget initializer;
        private int maxTasksPerChild;
        private int retries;
        private Duration taskTimeout;
        private IdlePolicy idlePolicy;
        private ProcessContext context;
        private final List<String> allowed = new ArrayList<>();

        private Builder()
        {
        }

        public Builder processes(final int processes)
        {
            this.processes = PoolSettings.atLeast(1, processes, "processes");
            return this;
        }

        /**
         * @param initializer run once in each worker before its first task (Python's {@code initializer}
         *                    with its {@code initargs} captured).
         */
        public Builder initializer(final ProcessTarget initializer)
        {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * @param tasks how many tasks a worker runs before it is replaced by a fresh one; 0 for no limit.
         */
        public Builder maxTasksPerChild(final int tasks)
        {
            this.maxTasksPerChild = PoolSettings.atLeast(0, tasks, "maxTasksPerChild");
            return this;
        }

        /**
         * @param retries how many times a task whose worker died is given to another worker before it fails.
         */
        public Builder retries(final int retries)
        {
            this.retries = PoolSettings.atLeast(0, retries, "retries");
            return this;
        }

        /**
         * @param timeout how long one task may run; a worker still running a task after this long is killed,
         *                the task fails with {@link TaskTimeoutException} (it is not retried) and a new worker
         *                takes the old one's place. Measured from when the worker is free to start the task.
         */
        public Builder taskTimeout(final Duration timeout)
        {
            this.taskTimeout = PoolSettings.positive(timeout, "taskTimeout");
            return this;
        }

        /**
         * @param policy how the pool and its workers wait for each other; by default
         *               {@link IdlePolicy#RESPONSIVE}, or what {@code -Dmp4j.idle} says.
         */
        public Builder idlePolicy(final IdlePolicy policy)
        {
            this.idlePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param context how workers start ({@code SPAWN}, {@code WARM} or {@code THREAD}) and with what options.
         */
        public Builder context(final ProcessContext context)
        {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * @param prefixes class-name prefixes that arguments and results may have besides the defaults.
         */
        public Builder allowClasses(final String... prefixes)
        {
            allowed.addAll(Arrays.asList(prefixes));
            return this;
        }

        /**
         * @throws io.multiprocessing4j.shm.MissingJvmFlagException naming the JVM option this JVM lacks.
         */
        public Pool build()
        {
            JvmFlags.ensureAgronaAccess();
            CallerPackage.prefix().ifPresent(allowed::add); // the creating code's own classes may travel
            return new Pool(new LocalPool(new PoolSettings(processes,
                null == initializer ? null : SerializedFunctions.encode(initializer), maxTasksPerChild, retries,
                null == taskTimeout ? 0 : taskTimeout.toNanos(), allowed.toArray(new String[0]), idlePolicy, context)));
        }
    }
}
