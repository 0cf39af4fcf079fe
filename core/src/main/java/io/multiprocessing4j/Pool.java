package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.function.PoolBiFunction;
import io.multiprocessing4j.function.PoolDoubleOperator;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.PoolIntOperator;
import io.multiprocessing4j.function.PoolLongOperator;
import io.multiprocessing4j.function.PoolTriFunction;
import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.internal.jfr.PoolMapEvent;
import io.multiprocessing4j.internal.jfr.PoolWorkerReplacedEvent;
import io.multiprocessing4j.internal.pool.PoolValues;
import io.multiprocessing4j.internal.pool.PoolWorker;
import io.multiprocessing4j.internal.pool.WorkerLink;
import io.multiprocessing4j.internal.process.SerializedFunctions;
import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.JvmFlags;
import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.WorkCountsDescriptor;
import io.multiprocessing4j.shm.ring.MessageHandler;
import io.multiprocessing4j.shm.ring.RingStatus;
import io.multiprocessing4j.shm.ring.SpscRing;
import io.multiprocessing4j.shm.value.SharedDoubleArray;
import io.multiprocessing4j.shm.value.SharedIntArray;
import io.multiprocessing4j.shm.value.SharedLongArray;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import jdk.jfr.EventType;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.DOUBLES;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FUNCTION;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FUNCTION_BYTES_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FUNCTION_ID_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.INTS;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.LONGS;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_RUN_NANOS_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_TASK_ID_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_VALUES_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.STOP;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_FUNCTION_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_ID_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_VALUES_OFFSET;

/**
 * Python's {@code multiprocessing.Pool}: worker JVMs that apply functions to arguments. {@link #apply},
 * {@link #applyAsync}, {@link #map}, {@link #mapAsync}, {@link #starmap}, {@link #imap} and
 * {@link #imapUnordered}, with Python's chunking; each function is encoded once per pool and sent once to
 * each worker that needs it.
 * <p>
 * Each worker has a pair of rings of its own ({@code WorkerLink}): tasks go out as fixed-layout records
 * (boxed numbers as primitives, other values through the codec) and results come back the same way. A map
 * over an {@code int[]}, {@code long[]} or {@code double[]}, or over a shared array, makes no codec call at
 * all: workers read their slice of the arguments straight from shared memory and write the results straight
 * into a shared array. The pool sends a worker at most four tasks ahead, so it always knows which worker holds
 * which task.
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
    private static final int WINDOW = 4;
    /** A chunk size no caller can give: Python's default, from the length and the number of workers. */
    private static final int DEFAULT_CHUNKSIZE = 0;
    private static final EventType POOL_MAP_EVENT = EventType.getEventType(PoolMapEvent.class);
    /**
     * A worker whose tasks run at least this long (or have not been timed yet) is sent one task ahead, not
     * {@value #WINDOW}: the next task is ready when it finishes, and a long task does not keep several others
     * queued behind it while another worker sits idle.
     */
    private static final long LONG_TASK_NS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final int RING_CAPACITY = 1 << 20;
    private static final int MAX_RECORD = 256 << 20;
    /**
     * A worker's ring always has room for the {@value #WINDOW} tasks it may hold and their functions when
     * each record is at most this long (and whole, under Agrona's eighth of the ring), so sending them never
     * waits. A longer record goes only to a worker holding no task, which reads it as it is written.
     */
    private static final int INLINE_LIMIT = RING_CAPACITY / (4 * WINDOW);
    private static final int SPARE_ARRAYS = 4;
    private static final long WAKE_BEFORE_RESULT_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long COLLECTOR_NAP_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long COLLECTOR_SLEEP_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long READY_POLL_NS = TimeUnit.MICROSECONDS.toNanos(200);

    private final ShmContext shm;
    private final ProcessContext processContext;
    private final int processes;
    private final byte[] initializer;
    private final int maxTasksPerChild;
    private final int retries;
    private final long taskTimeoutNanos;
    private final String[] allowed;
    private final Codec codec;
    private final Worker[] workers;
    private final Object lock = new Object();
    private final ArrayDeque<Task> pending = new ArrayDeque<>();
    private final Map<Long, Task> tasks = new HashMap<>();
    private final Map<Object, Integer> functionIds = new IdentityHashMap<>();
    private final List<byte[]> functionRecords = new ArrayList<>();
    private final Map<Object, PoolFunction<List<Object>, Object>> unpackers = new IdentityHashMap<>();
    private final List<SharedObject> spareArrays = new ArrayList<>();
    private final ConcurrentLinkedQueue<Worker> exited = new ConcurrentLinkedQueue<>();
    private final ReentrantLock collecting = new ReentrantLock();
    private final AtomicInteger waiters = new AtomicInteger();
    private final MessageHandler resultReader = this::onResult;
    private final Thread collector;
    private long resultTaskId;
    private long resultRunNanos;
    private Object resultValues;
    private long nextTaskId;
    private int nextWorkerNumber;
    /** Workers being started in place of ones that ended. */
    private int starting;
    private volatile boolean collectorAsleep;
    private volatile State state = State.RUNNING;

    private enum State
    {
        RUNNING, CLOSED, TERMINATED
    }

    private Pool(final Builder builder)
    {
        processes = builder.processes;
        processContext = builder.context;
        maxTasksPerChild = builder.maxTasksPerChild;
        retries = builder.retries;
        taskTimeoutNanos = null == builder.taskTimeout ? 0 : builder.taskTimeout.toNanos();
        initializer = null == builder.initializer ? null : SerializedFunctions.encode(builder.initializer);
        allowed = builder.allowed.toArray(new String[0]);
        codec = Codec.fory(ClassAllowList.defaults().with(allowed));
        shm = ShmContext.create();
        if (null != builder.idlePolicy)
        {
            shm.setIdlePolicy(builder.idlePolicy);
        }
        else if (null == System.getProperty(ShmConfiguration.IDLE_PROP_NAME))
        {
            shm.setIdlePolicy(IdlePolicy.RESPONSIVE);
        }
        workers = new Worker[processes];
        startAll();
        collector = new Thread(this::collect, "mp4j-pool-results");
        collector.setDaemon(true);
        collector.start();
    }

    /**
     * @return a pool of {@link Multiprocessing#cpuCount()} workers.
     */
    public static Pool create()
    {
        return builder().build();
    }

    /**
     * @param processes how many workers (Python's {@code processes}).
     */
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
        Objects.requireNonNull(function, "function");
        final Job job = submit(function, Collections.singletonList(argument), 1,
            null == callback ? null : list -> callback.accept((R)list.get(0)), errorCallback);
        return new AsyncResult<>(job.future.thenApply(list -> (R)list.get(0)), job);
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
    public <T, R> AsyncResult<List<R>> mapAsync(final PoolFunction<T, R> function, final Iterable<? extends T> arguments)
    {
        return mapChunked(function, arguments, DEFAULT_CHUNKSIZE, null, null);
    }

    /**
     * @param chunksize arguments per task, at least 1.
     */
    public <T, R> AsyncResult<List<R>> mapAsync(
        final PoolFunction<T, R> function, final Iterable<? extends T> arguments, final int chunksize)
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

    @SuppressWarnings("unchecked")
    private <T, R> AsyncResult<List<R>> mapChunked(final PoolFunction<T, R> function,
        final Iterable<? extends T> arguments, final int chunksize, final Consumer<? super List<R>> callback,
        final Consumer<? super Throwable> errorCallback)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(arguments, "arguments");
        final List<Object> all = listOf(arguments);
        final int size = DEFAULT_CHUNKSIZE == chunksize ? defaultChunksize(all.size()) : chunksize;
        final Job job = submit(function, all, size,
            null == callback ? null : list -> callback.accept((List<R>)(List<?>)list), errorCallback);
        return new AsyncResult<>(job.future.thenApply(list -> (List<R>)(List<?>)list), job);
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
        Objects.requireNonNull(values, "values");
        if (0 == values.length)
        {
            return new int[0];
        }
        final SharedIntArray shared = spare(SharedIntArray.class, values.length);
        try
        {
            shared.copyFrom(values, 0, 0, values.length);
            mapInPlace(function, INTS, shared, shared, DEFAULT_CHUNKSIZE).get();
            final int[] results = new int[values.length];
            shared.copyTo(0, results, 0, values.length);
            return results;
        }
        finally
        {
            giveBack(shared);
        }
    }

    public long[] map(final PoolLongOperator function, final long[] values) throws InterruptedException, ExecutionException
    {
        Objects.requireNonNull(values, "values");
        if (0 == values.length)
        {
            return new long[0];
        }
        final SharedLongArray shared = spare(SharedLongArray.class, values.length);
        try
        {
            shared.copyFrom(values, 0, 0, values.length);
            mapInPlace(function, LONGS, shared, shared, DEFAULT_CHUNKSIZE).get();
            final long[] results = new long[values.length];
            shared.copyTo(0, results, 0, values.length);
            return results;
        }
        finally
        {
            giveBack(shared);
        }
    }

    public double[] map(final PoolDoubleOperator function, final double[] values)
        throws InterruptedException, ExecutionException
    {
        Objects.requireNonNull(values, "values");
        if (0 == values.length)
        {
            return new double[0];
        }
        final SharedDoubleArray shared = spare(SharedDoubleArray.class, values.length);
        try
        {
            shared.copyFrom(values, 0, 0, values.length);
            mapInPlace(function, DOUBLES, shared, shared, DEFAULT_CHUNKSIZE).get();
            final double[] results = new double[values.length];
            shared.copyTo(0, results, 0, values.length);
            return results;
        }
        finally
        {
            giveBack(shared);
        }
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
        return mapInPlace(function, INTS, source, target, DEFAULT_CHUNKSIZE);
    }

    public AsyncResult<Void> mapAsync(final PoolIntOperator function, final SharedIntArray source,
        final SharedIntArray target, final int chunksize)
    {
        return mapInPlace(function, INTS, source, target, checkChunksize(chunksize));
    }

    public AsyncResult<Void> mapAsync(final PoolLongOperator function, final SharedLongArray source,
        final SharedLongArray target)
    {
        return mapInPlace(function, LONGS, source, target, DEFAULT_CHUNKSIZE);
    }

    public AsyncResult<Void> mapAsync(final PoolLongOperator function, final SharedLongArray source,
        final SharedLongArray target, final int chunksize)
    {
        return mapInPlace(function, LONGS, source, target, checkChunksize(chunksize));
    }

    public AsyncResult<Void> mapAsync(final PoolDoubleOperator function, final SharedDoubleArray source,
        final SharedDoubleArray target)
    {
        return mapInPlace(function, DOUBLES, source, target, DEFAULT_CHUNKSIZE);
    }

    public AsyncResult<Void> mapAsync(final PoolDoubleOperator function, final SharedDoubleArray source,
        final SharedDoubleArray target, final int chunksize)
    {
        return mapInPlace(function, DOUBLES, source, target, checkChunksize(chunksize));
    }

    /**
     * Applies a two-argument function to each pair (Python's {@code starmap} over 2-tuples), in order.
     *
     * @param pairs the argument pairs, e.g. {@code List.of(Map.entry(1, 2), Map.entry(3, 4))}.
     */
    public <A, B, R> List<R> starmap(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws InterruptedException, ExecutionException
    {
        return starmapAsync(function, pairs).get();
    }

    /**
     * Python's {@code starmap_async} over 2-tuples, default chunks.
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
    {
        return starmapChunked(function, pairs, DEFAULT_CHUNKSIZE);
    }

    public <A, B, R> AsyncResult<List<R>> starmapAsync(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, final int chunksize)
    {
        return starmapChunked(function, pairs, checkChunksize(chunksize));
    }

    private <A, B, R> AsyncResult<List<R>> starmapChunked(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, final int chunksize)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(pairs, "pairs");
        final List<List<Object>> arguments = new ArrayList<>();
        for (final Map.Entry<? extends A, ? extends B> pair : pairs)
        {
            arguments.add(new ArrayList<>(Arrays.asList(pair.getKey(), pair.getValue())));
        }
        return mapChunked(this.<R>unpacker(function), arguments, chunksize, null, null);
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
        return starmapChunked(function, triples, DEFAULT_CHUNKSIZE);
    }

    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(final PoolTriFunction<A, B, C, R> function,
        final Iterable<? extends List<?>> triples, final int chunksize)
    {
        return starmapChunked(function, triples, checkChunksize(chunksize));
    }

    private <A, B, C, R> AsyncResult<List<R>> starmapChunked(final PoolTriFunction<A, B, C, R> function,
        final Iterable<? extends List<?>> triples, final int chunksize)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(triples, "triples");
        final List<List<Object>> arguments = new ArrayList<>();
        for (final List<?> triple : triples)
        {
            if (3 != triple.size())
            {
                throw new IllegalArgumentException("starmap of a three-argument function needs three arguments: " + triple);
            }
            arguments.add(new ArrayList<>(triple));
        }
        return mapChunked(this.<R>unpacker(function), arguments, chunksize, null, null);
    }

    /**
     * Applies {@code function} to the arguments lazily, {@code chunksize} at a time (default 1, as in
     * Python), keeping a bounded number of chunks in flight, and returns the results in order as they are
     * ready (Python's {@code imap}). An infinite iterator of arguments is fine.
     */
    public <T, R> Iterator<R> imap(final PoolFunction<T, R> function, final Iterator<? extends T> arguments,
        final int chunksize)
    {
        return new StreamingResults<>(function, arguments, checkChunksize(chunksize), true);
    }

    public <T, R> Iterator<R> imap(final PoolFunction<T, R> function, final Iterable<? extends T> arguments)
    {
        return imap(function, arguments.iterator(), 1);
    }

    /**
     * Like {@link #imap}, with results in the order they complete (Python's {@code imap_unordered}).
     */
    public <T, R> Iterator<R> imapUnordered(final PoolFunction<T, R> function, final Iterator<? extends T> arguments,
        final int chunksize)
    {
        return new StreamingResults<>(function, arguments, checkChunksize(chunksize), false);
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
        try
        {
            awaitStarts();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the pool's workers started");
        }
        synchronized (lock)
        {
            final List<Long> pids = new ArrayList<>();
            for (final Worker worker : workers)
            {
                if (worker.process.isAlive() || worker.process.exitCode().isPresent())
                {
                    pids.add(worker.process.pid()); // not one whose start failed, which has none
                }
            }
            return pids;
        }
    }

    /**
     * Takes no more tasks, waits for those submitted, then stops the workers and removes the pool's files:
     * Python's {@code close()} followed by {@code join()}. If interrupted while waiting, it terminates the pool
     * (as {@code ExecutorService.close()} does) and keeps the interrupt. Idempotent.
     */
    public void close()
    {
        try
        {
            awaitStarts();
            synchronized (lock)
            {
                if (State.RUNNING == state)
                {
                    state = State.CLOSED;
                }
                while (State.CLOSED == state && !tasks.isEmpty())
                {
                    lock.wait(100);
                }
                if (State.TERMINATED == state)
                {
                    return;
                }
                state = State.TERMINATED;
            }
            for (final Worker worker : workers)
            {
                askToStop(worker);
            }
            for (final Worker worker : workers)
            {
                if (!ended(worker, Duration.ofSeconds(10)))
                {
                    kill(worker);
                }
            }
            shutDown();
        }
        catch (final InterruptedException ex)
        {
            terminate();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the workers at once (SIGKILL); unfinished calls fail with {@link CancellationException}. Idempotent.
     */
    public void terminate()
    {
        final List<Task> cancelled;
        synchronized (lock)
        {
            state = State.TERMINATED;
            cancelled = new ArrayList<>(tasks.values());
            tasks.clear();
            pending.clear();
            lock.notifyAll();
        }
        for (final Task task : cancelled)
        {
            task.job.fail(new CancellationException("the pool was terminated"));
        }
        for (final Worker worker : workers)
        {
            stop(worker);
        }
        boolean interrupted = Thread.interrupted();
        try
        {
            shutDown();
        }
        catch (final InterruptedException ex)
        {
            interrupted = true;
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return whether the pool has been closed or terminated and its workers stopped.
     */
    public boolean isTerminated()
    {
        return shm.isClosed();
    }

    /**
     * Waits until no task is pending or running.
     *
     * @return whether that happened within {@code timeout}.
     */
    boolean awaitQuiet(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock)
        {
            while (!tasks.isEmpty())
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * @return the directory of the pool's shared files: {@code mp shm stat} on it shows each worker's rings and
     * task counts, and {@link io.multiprocessing4j.shm.ShmContexts#errors} what failed in the pool's processes.
     */
    public Path contextDirectory()
    {
        return shm.directory();
    }

    public String toString()
    {
        return "Pool[" + processes + " workers, " + state + "]";
    }

    /**
     * Waits until {@code done} holds, reading results meanwhile when no other thread is: the waiting thread
     * takes its own result off the ring, with no hand-off from the result thread.
     *
     * @param timeoutNanos how long to wait; {@code Long.MAX_VALUE} for as long as it takes.
     * @return whether {@code done} held in time.
     */
    boolean awaitDone(final BooleanSupplier done, final long timeoutNanos) throws InterruptedException
    {
        if (done.getAsBoolean())
        {
            return true;
        }
        final long start = System.nanoTime();
        final IdleStrategy idle = shm.isClosed() ? null : shm.idlePolicy().newIdleStrategy();
        waiters.incrementAndGet();
        try
        {
            while (!done.getAsBoolean())
            {
                if (Thread.interrupted())
                {
                    throw new InterruptedException("interrupted while waiting for a pool result");
                }
                if (Long.MAX_VALUE != timeoutNanos && System.nanoTime() - start >= timeoutNanos)
                {
                    return false;
                }
                int work = 0;
                if (collecting.tryLock())
                {
                    try
                    {
                        work = drain();
                    }
                    finally
                    {
                        collecting.unlock();
                    }
                }
                final long nap = null == idle ? COLLECTOR_NAP_NS : 0 == work ? napBeforeNextResult() : 0;
                if (0 != nap)
                {
                    LockSupport.parkNanos(Math.min(nap, timeoutNanos - (System.nanoTime() - start)));
                    if (null != idle)
                    {
                        idle.reset();
                    }
                }
                else
                {
                    idle.idle(work);
                }
            }
            return true;
        }
        finally
        {
            waiters.decrementAndGet();
        }
    }

    /**
     * The result thread: reads results while no caller is waiting in {@code get} to do it, and sleeps when
     * the pool has had nothing to do for a while.
     */
    private void collect()
    {
        final IdleStrategy idle = shm.idlePolicy().newIdleStrategy();
        long quietSince = System.nanoTime();
        while (!Thread.currentThread().isInterrupted())
        {
            try
            {
                int work = 0;
                if (0 == waiters.get() && collecting.tryLock())
                {
                    try
                    {
                        work = drain();
                    }
                    finally
                    {
                        collecting.unlock();
                    }
                }
                if (work > 0 || 0 != waiters.get())
                {
                    quietSince = System.nanoTime();
                }
                if (0 != waiters.get())
                {
                    LockSupport.parkNanos(this, COLLECTOR_NAP_NS);
                }
                else if (System.nanoTime() - quietSince > COLLECTOR_SLEEP_AFTER_NS && isQuiet())
                {
                    collectorAsleep = true;
                    if (isQuiet())
                    {
                        LockSupport.park(this);
                    }
                    collectorAsleep = false;
                    quietSince = System.nanoTime();
                }
                else
                {
                    idle.idle(work);
                }
            }
            catch (final RuntimeException ex)
            {
                if (shm.isClosed())
                {
                    return;
                }
                LoggingHolder.LOG.warn("pool result thread: {}", ex.toString());
            }
        }
    }

    /**
     * @return how long a waiter may sleep because every busy worker is running a long task that began too
     * recently to end soon (so it does not take a core from them spinning), or 0 when a result may come at
     * any moment.
     */
    private long napBeforeNextResult()
    {
        synchronized (lock)
        {
            final long now = System.nanoTime();
            long soonest = Long.MAX_VALUE;
            for (final Worker worker : workers)
            {
                if (!worker.outstanding.isEmpty())
                {
                    if (!worker.alive || worker.lastTaskNanos < LONG_TASK_NS)
                    {
                        return 0;
                    }
                    soonest = Math.min(soonest, worker.busySince + worker.lastTaskNanos - now);
                }
            }
            return Long.MAX_VALUE == soonest || soonest <= WAKE_BEFORE_RESULT_NS ? 0 :
                Math.min(soonest - WAKE_BEFORE_RESULT_NS, COLLECTOR_NAP_NS);
        }
    }

    private boolean isQuiet()
    {
        synchronized (lock)
        {
            return tasks.isEmpty() && exited.isEmpty();
        }
    }

    private void wakeCollector()
    {
        if (collectorAsleep)
        {
            LockSupport.unpark(collector);
        }
    }

    /**
     * Reads every result waiting, replaces exited workers and kills workers past the task timeout. Only the
     * holder of {@link #collecting} calls it.
     *
     * @return how many results and exits it handled.
     */
    private int drain()
    {
        if (shm.isClosed())
        {
            return 0;
        }
        int work = 0;
        for (final Worker worker : workers)
        {
            work += drainResults(worker);
        }
        Worker gone;
        while (null != (gone = exited.poll()))
        {
            drainResults(gone);
            replace(gone);
            work++;
        }
        if (0 != taskTimeoutNanos)
        {
            killOverdueWorkers();
        }
        return work;
    }

    private int drainResults(final Worker worker)
    {
        int work = 0;
        while (!worker.link.isClosed() && worker.link.results().poll(resultReader))
        {
            complete(worker, resultTaskId, resultRunNanos, resultValues);
            work++;
        }
        return work;
    }

    private void onResult(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        resultTaskId = buffer.getLong(index + RESULT_TASK_ID_OFFSET);
        resultRunNanos = buffer.getLong(index + RESULT_RUN_NANOS_OFFSET);
        try
        {
            resultValues = PoolValues.decode(buffer, index + RESULT_VALUES_OFFSET, index + length, codec);
        }
        catch (final RuntimeException ex)
        {
            resultValues = ex;
        }
    }

    /**
     * @param runNanos how long the task ran, timed in the worker: timed here, it would also count how late this
     *                 JVM read the result, and a waiter that napped would keep finding tasks long enough to nap for.
     */
    private void complete(final Worker worker, final long taskId, final long runNanos, final Object values)
    {
        final Task task;
        synchronized (lock)
        {
            task = tasks.remove(taskId);
            worker.outstanding.remove(taskId);
            if (runNanos > 0) // 0: withdrawn, not run
            {
                worker.lastTaskNanos = runNanos;
            }
            worker.busySince = System.nanoTime();
            dispatch();
            if (tasks.isEmpty())
            {
                lock.notifyAll();
            }
        }
        flush();
        if (null != task)
        {
            if (values instanceof Throwable)
            {
                task.job.fail((Throwable)values);
            }
            else
            {
                task.job.complete(task, values);
            }
        }
    }

    private Job submit(final Object function, final List<Object> arguments, final int chunksize,
        final Consumer<? super List<Object>> callback, final Consumer<? super Throwable> errorCallback)
    {
        final Job job = new Job(this, arguments.size(), true, callback, errorCallback);
        final List<Task> chunks = new ArrayList<>();
        final ExpandableArrayBuffer encoder =
            new ExpandableArrayBuffer(TASK_VALUES_OFFSET + 64 + Long.BYTES * Math.min(chunksize, arguments.size()));
        try
        {
            final int functionId = functionId(function);
            for (int offset = 0; offset < arguments.size(); offset += chunksize)
            {
                final int count = Math.min(chunksize, arguments.size() - offset);
                final int end = PoolValues.encode(arguments.subList(offset, offset + count), encoder, TASK_VALUES_OFFSET, codec);
                chunks.add(new Task(taskRecord(encoder, functionId, end), functionId, job, offset, count));
            }
        }
        catch (final CodecException | MessageTooLargeException ex)
        {
            checkRunning();
            job.fail(ex);
            return job;
        }
        enqueue(chunks);
        return job;
    }

    private AsyncResult<Void> mapInPlace(final Object function, final int elementKind, final SharedObject source,
        final SharedObject target, final int chunksize)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        final int length = arrayLength(source);
        final int targetLength = arrayLength(target);
        if (targetLength < length)
        {
            throw new IllegalArgumentException("target of " + targetLength + " elements is shorter than source of " + length);
        }
        final int size = DEFAULT_CHUNKSIZE == chunksize ? defaultChunksize(length) : chunksize;
        final Job job = new Job(this, length, false, null, null);
        final int functionId = functionId(function);
        final String sourceHandle = source.handle().toString();
        final String targetHandle = target.handle().toString();
        final List<Task> chunks = new ArrayList<>();
        final ExpandableArrayBuffer encoder = new ExpandableArrayBuffer(TASK_VALUES_OFFSET + 256);
        for (int offset = 0; offset < length; offset += size)
        {
            final int count = Math.min(size, length - offset);
            final int end = PoolValues.encodeSlice(
                elementKind, offset, count, sourceHandle, targetHandle, encoder, TASK_VALUES_OFFSET);
            chunks.add(new Task(taskRecord(encoder, functionId, end), functionId, job, offset, count));
        }
        enqueue(chunks);
        return new AsyncResult<>(job.future.thenApply(ignored -> null), job);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(final Iterable<?> arguments)
    {
        if (arguments instanceof List && arguments instanceof RandomAccess)
        {
            return (List<Object>)arguments;
        }
        final List<Object> all = arguments instanceof Collection ? new ArrayList<>(((Collection<?>)arguments).size()) :
            new ArrayList<>();
        arguments.forEach(all::add);
        return all;
    }

    private static byte[] taskRecord(final ExpandableArrayBuffer encoder, final int functionId, final int end)
    {
        if (end > MAX_RECORD)
        {
            throw new MessageTooLargeException(end, MAX_RECORD);
        }
        encoder.putInt(TASK_FUNCTION_OFFSET, functionId);
        return Arrays.copyOf(encoder.byteArray(), end);
    }

    private void enqueue(final List<Task> chunks)
    {
        synchronized (lock)
        {
            checkRunning();
            for (final Task task : chunks)
            {
                task.id = nextTaskId++;
                new UnsafeBuffer(task.record).putLong(TASK_ID_OFFSET, task.id);
                tasks.put(task.id, task);
                pending.add(task);
            }
            dispatch();
        }
        flush();
        wakeCollector();
    }

    private void checkRunning()
    {
        if (State.RUNNING != state)
        {
            throw new IllegalStateException("the pool is closed: " + this);
        }
    }

    /**
     * Sends pending tasks to the least busy live workers, at most {@value #WINDOW} ahead of each
     * (two when its tasks are long). Holds the lock.
     */
    private void dispatch()
    {
        while (!pending.isEmpty() && State.TERMINATED != state)
        {
            final Task task = pending.peek();
            if (task.job.future.isDone())
            {
                pending.poll();
                tasks.remove(task.id);
                continue;
            }
            final Worker worker = idlest(task);
            if (null == worker)
            {
                return;
            }
            pending.poll();
            task.function = worker.functionsSent.get(task.functionId) ? null : functionRecords.get(task.functionId);
            worker.functionsSent.set(task.functionId);
            if (worker.outstanding.isEmpty())
            {
                worker.busySince = System.nanoTime();
            }
            worker.outstanding.put(task.id, task);
            worker.toSend.add(task);
        }
    }

    /**
     * Sends what {@link #dispatch} queued, with no pool lock held: a large record may take a while to stream
     * into a worker's ring. Call after releasing the lock, wherever it dispatched.
     */
    private void flush()
    {
        final List<Worker> queued = new ArrayList<>(2);
        synchronized (lock)
        {
            for (final Worker worker : workers)
            {
                if (!worker.toSend.isEmpty())
                {
                    queued.add(worker);
                }
            }
        }
        for (final Worker worker : queued)
        {
            sendQueued(worker);
        }
    }

    /**
     * Sends a worker's queued tasks in order. Its ring has one writer at a time, the holder of its
     * {@code sending} lock; a thread that finds the lock held leaves its tasks to the holder, which lets go of
     * it only under the pool's lock after finding nothing more queued, so that no task is left behind.
     */
    private void sendQueued(final Worker worker)
    {
        while (worker.sending.tryLock())
        {
            final List<Task> batch = worker.batch;
            synchronized (lock)
            {
                if (worker.toSend.isEmpty())
                {
                    worker.sending.unlock();
                    return;
                }
                batch.addAll(worker.toSend);
                worker.toSend.clear();
            }
            int sent = 0;
            try
            {
                while (sent < batch.size() && sendNow(worker, batch.get(sent)))
                {
                    sent++;
                }
            }
            finally
            {
                final boolean failed = sent < batch.size();
                if (failed)
                {
                    takeBack(worker, batch.subList(sent, batch.size()));
                }
                batch.clear();
                worker.sending.unlock();
                if (failed)
                {
                    flush();
                }
            }
        }
    }

    /**
     * Sends one task (with its function the first time the worker needs it), restarting the record if the
     * thread is interrupted meanwhile (the worker drops a record cut short) and keeping the interrupt.
     *
     * @return false if the worker is gone.
     */
    private boolean sendNow(final Worker worker, final Task task)
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    if (worker.link.isClosed())
                    {
                        return false;
                    }
                    final SpscRing ring = worker.link.tasks();
                    if (null != task.function)
                    {
                        worker.sendView.wrap(task.function);
                        if (RingStatus.DONE != ring.send(FUNCTION, worker.sendView, 0, task.function.length,
                            shm.idlePolicy()))
                        {
                            return false;
                        }
                        task.function = null;
                    }
                    worker.sendView.wrap(task.record);
                    if (RingStatus.DONE != ring.send(TASK, worker.sendView, 0, task.record.length, shm.idlePolicy()))
                    {
                        return false;
                    }
                    worker.link.taskSent();
                    return true;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A worker's ring refused tasks (its reader is gone): those it still holds go back to the queue, in order,
     * unless its exit was already handled.
     */
    private void takeBack(final Worker worker, final List<Task> unsent)
    {
        synchronized (lock)
        {
            worker.alive = false;
            final List<Task> back = new ArrayList<>(unsent);
            back.addAll(worker.toSend);
            worker.toSend.clear();
            for (int i = back.size() - 1; i >= 0; i--)
            {
                if (null != worker.outstanding.remove(back.get(i).id))
                {
                    pending.addFirst(back.get(i));
                }
            }
            dispatch();
        }
    }

    /**
     * @return the live worker with fewest tasks that may take {@code task} now, or {@code null}.
     */
    private Worker idlest(final Task task)
    {
        final long now = System.nanoTime();
        Worker idlest = null;
        for (final Worker worker : workers)
        {
            final int held = worker.outstanding.size();
            if (!worker.alive || !worker.ready || held >= worker.window(now) || (null != idlest && held >= idlest.outstanding.size()))
            {
                continue;
            }
            final int bytes = task.record.length +
                (worker.functionsSent.get(task.functionId) ? 0 : functionRecords.get(task.functionId).length);
            if (bytes <= INLINE_LIMIT || 0 == held)
            {
                idlest = worker;
            }
        }
        return idlest;
    }

    /**
     * A worker ended: the task it was running fails naming it (or is retried, within the budget); tasks it had
     * not started, and all its tasks after a normal end at {@code maxTasksPerChild}, go back to the queue; a
     * new worker takes its place. Called by the holder of {@link #collecting}.
     */
    private void replace(final Worker worker)
    {
        final List<Task> failed = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();
        synchronized (lock)
        {
            worker.alive = false;
            final int exitCode = worker.process.exitCode().orElse(-1);
            final boolean retired = 0 == exitCode && worker.process.exception().isEmpty();
            final List<Task> orphans = new ArrayList<>(worker.outstanding.values());
            worker.outstanding.clear();
            worker.toSend.clear();
            final long begun = worker.link.isClosed() ? WorkCountsDescriptor.NONE : worker.link.startedTask();
            for (int i = orphans.size() - 1; i >= 0; i--)
            {
                final Task task = orphans.get(i);
                final boolean running = 0 == i && task.id == begun;
                final String who = worker.process.name() + " (pid " + worker.process.pid() + ")";
                if (running && task.timedOut)
                {
                    failed.add(task);
                    failures.add(new TaskTimeoutException("the task ran longer than " +
                        Duration.ofNanos(taskTimeoutNanos) + " in " + who + ", which was killed"));
                }
                else if (!running || retired || task.attempts++ < retries)
                {
                    pending.addFirst(task);
                }
                else
                {
                    failed.add(task);
                    failures.add(new WorkerDiedException(
                        who + " ended with exit code " + exitCode + " while it held this task"));
                }
            }
            final PoolWorkerReplacedEvent replaced = new PoolWorkerReplacedEvent();
            replaced.begin();
            if (!retired)
            {
                shm.recordError(new WorkerDiedException(worker.process.name() + " (pid " + worker.process.pid() +
                    ") ended with exit code " + exitCode +
                    worker.process.exception().map(e -> " after " + e).orElse("") + " holding " + orphans.size() +
                    " task record(s)"));
            }
            final boolean replace = State.TERMINATED != state;
            final Worker successor = replace ? newWorker(worker.index) : null;
            if (replace)
            {
                starting++;
            }
            if (replaced.shouldCommit())
            {
                replaced.worker = worker.process.name();
                replaced.pid = worker.process.pid();
                replaced.exitCode = exitCode;
                replaced.retired = retired;
                replaced.failed = failed.size();
                replaced.requeued = orphans.size() - failed.size();
                if (null == successor)
                {
                    replaced.commit();
                }
                else
                {
                    successor.replacing = replaced; // committed once the successor is ready, naming it
                }
            }
            failed.forEach(task -> tasks.remove(task.id));
            dispatch();
            if (tasks.isEmpty())
            {
                lock.notifyAll();
            }
            if (null != successor)
            {
                startAsync(successor).whenComplete((started, failure) -> install(successor, failure));
            }
        }
        closeLink(worker);
        flush();
        for (int i = 0; i < failed.size(); i++)
        {
            failed.get(i).job.fail(failures.get(i));
        }
    }

    /**
     * Closes a worker's link once no thread is sending to it.
     */
    private static void closeLink(final Worker worker)
    {
        worker.sending.lock();
        try
        {
            worker.link.close();
        }
        finally
        {
            worker.sending.unlock();
        }
    }

    /**
     * A worker started (on a thread of its own, so that no lock is held and no result waits while a JVM starts)
     * takes its slot and tasks, or is stopped if the pool was terminated meanwhile; if none could start and no
     * worker is left, the pending tasks fail.
     */
    private void install(final Worker successor, final Throwable failure)
    {
        final List<Task> failed = new ArrayList<>();
        final boolean installed;
        synchronized (lock)
        {
            installed = null == failure && State.TERMINATED != state && successor.alive;
            if (null != successor.replacing)
            {
                successor.replacing.replacementPid = installed ? successor.process.pid() : 0;
                successor.replacing.commit();
            }
            if (installed)
            {
                workers[successor.index] = successor;
                successor.ready = true;
                starting--;
                dispatch();
            }
            else if (null != failure)
            {
                starting--;
                LoggingHolder.LOG.warn("pool: cannot start {}: {}", successor.process, failure.toString());
                if (0 == starting && Arrays.stream(workers).noneMatch(w -> w.alive))
                {
                    failed.addAll(pending);
                    pending.clear();
                    failed.forEach(task -> tasks.remove(task.id));
                }
            }
            lock.notifyAll();
        }
        if (null == failure && !installed)
        {
            stop(successor); // terminated meanwhile, or already dead and replaced in turn
            synchronized (lock)
            {
                starting--;
                lock.notifyAll();
            }
        }
        flush();
        for (final Task task : failed)
        {
            task.job.fail(new WorkerDiedException("no pool worker is left, and none can start: " + failure));
        }
        wakeCollector();
    }

    /**
     * A job failed or was cancelled: its tasks no worker has begun are dropped, those waiting here and those
     * already sent (the worker skips a withdrawn task and answers it empty). A task a worker has begun runs
     * to its end, and its result is dropped.
     */
    void withdraw(final Job job)
    {
        synchronized (lock)
        {
            pending.removeIf(task -> task.job == job && null != tasks.remove(task.id));
            for (final Worker worker : workers)
            {
                if (worker.alive && !worker.link.isClosed())
                {
                    withdraw(job, worker);
                }
            }
            if (tasks.isEmpty())
            {
                lock.notifyAll();
            }
        }
    }

    private void withdraw(final Job job, final Worker worker)
    {
        final long begun = worker.link.startedTask();
        boolean unbegun = !worker.outstanding.containsKey(begun); // in send order: those after the one begun
        for (final Task task : worker.outstanding.values())
        {
            if (unbegun && task.job == job && null != tasks.remove(task.id))
            {
                worker.link.withdraw(freeWithdrawalSlot(worker), task.id);
            }
            unbegun |= task.id == begun;
        }
    }

    /**
     * @return a slot of the worker's withdrawn table that names no task it still holds (it holds at most
     * {@value #WINDOW}, and the table has more slots).
     */
    private static int freeWithdrawalSlot(final Worker worker)
    {
        for (int slot = 0; slot < WorkCountsDescriptor.WITHDRAWN_SLOTS; slot++)
        {
            if (!worker.outstanding.containsKey(worker.link.withdrawn(slot)))
            {
                return slot;
            }
        }
        throw new IllegalStateException("no free withdrawal slot for " + worker.process);
    }

    private void killOverdueWorkers()
    {
        synchronized (lock)
        {
            final long now = System.nanoTime();
            for (final Worker worker : workers)
            {
                if (worker.alive && !worker.outstanding.isEmpty() && worker.link.runningNanos(now) > taskTimeoutNanos)
                {
                    worker.outstanding.values().iterator().next().timedOut = true;
                    worker.alive = false;
                    kill(worker);
                }
            }
        }
    }

    /**
     * Starts the first worker and returns once it is ready for tasks; the others start meanwhile on threads of
     * their own and take tasks as each becomes ready. Started together they would compete for the cores and
     * all be ready late; this way the first task runs after one worker's start-up. If the first worker cannot
     * start, the pool is not created.
     */
    private void startAll()
    {
        for (int i = 0; i < processes; i++)
        {
            workers[i] = newWorker(i);
        }
        try
        {
            startAsync(workers[0]).join();
        }
        catch (final CompletionException ex)
        {
            for (final Worker worker : workers)
            {
                worker.link.close();
            }
            shm.close();
            throw ex.getCause() instanceof RuntimeException ? (RuntimeException)ex.getCause() : ex;
        }
        synchronized (lock)
        {
            workers[0].ready = true;
            starting += processes - 1;
        }
        for (int i = 1; i < processes; i++)
        {
            final Worker worker = workers[i];
            startAsync(worker).whenComplete((started, failure) -> install(worker, failure));
        }
    }

    /**
     * @return a worker not yet started: its link and its process, named now so that names follow start order.
     */
    private Worker newWorker(final int index)
    {
        final WorkerLink link = WorkerLink.create(shm, RING_CAPACITY, MAX_RECORD);
        final String[] allow = allowed;
        final byte[] init = initializer;
        final int maxTasks = maxTasksPerChild;
        final JvmProcess process;
        synchronized (lock)
        {
            process = new JvmProcess("PoolWorker-" + (++nextWorkerNumber),
                () -> PoolWorker.run(link, allow, init, maxTasks));
        }
        if (null != processContext)
        {
            process.setContext(processContext);
        }
        return new Worker(index, process, link);
    }

    /**
     * Starts {@code worker}'s JVM on a new daemon thread and completes once the worker has said it is ready
     * for tasks (or has ended, to be replaced in turn), so that no task waits for a worker's start-up while
     * another worker is free. Once the JVM runs, its exit is reported to the result thread. If it cannot start,
     * or is not ready in time, it is killed and its link closed.
     */
    private CompletableFuture<Worker> startAsync(final Worker worker)
    {
        final CompletableFuture<Worker> started = new CompletableFuture<>();
        final Thread starter = new Thread(() ->
        {
            try
            {
                worker.process.setDaemon(true).start();
                worker.process.onExit().thenRun(() ->
                {
                    exited.add(worker);
                    wakeCollector();
                });
                awaitReady(worker);
                started.complete(worker);
            }
            catch (final RuntimeException | Error ex)
            {
                kill(worker);
                worker.alive = false;
                worker.link.close();
                started.completeExceptionally(ex);
            }
        }, "mp4j-pool-start-" + worker.process.name());
        starter.setDaemon(true);
        starter.start();
        return started;
    }

    private static void awaitReady(final Worker worker)
    {
        final long deadline = System.nanoTime() + START_TIMEOUT_NS;
        while (!worker.link.isReady() && worker.process.isAlive())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new ProcessStartException(worker.process.name() + " (pid " + worker.process.pid() +
                    ") started but was not ready for tasks within " + Duration.ofNanos(START_TIMEOUT_NS));
            }
            LockSupport.parkNanos(READY_POLL_NS);
        }
    }

    /**
     * Asks a worker to end after its tasks, through its ring (as its one writer of the moment).
     */
    private void askToStop(final Worker worker) throws InterruptedException
    {
        worker.sending.lock();
        try
        {
            if (worker.alive && !worker.link.isClosed())
            {
                worker.sendView.wrap(new byte[0]);
                worker.link.tasks().send(STOP, worker.sendView, 0, 0, shm.idlePolicy());
            }
        }
        finally
        {
            worker.sending.unlock();
        }
    }

    /**
     * Kills a worker that started but is not wanted, and waits for it to be gone.
     */
    private static void stop(final Worker worker)
    {
        kill(worker);
        try
        {
            ended(worker, Duration.ofSeconds(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return whether the worker's JVM has ended within {@code timeout}, or never started (its start failed).
     */
    private static boolean ended(final Worker worker, final Duration timeout) throws InterruptedException
    {
        try
        {
            return worker.process.join(timeout);
        }
        catch (final IllegalStateException neverStarted)
        {
            return true;
        }
    }

    private static void kill(final Worker worker)
    {
        try
        {
            worker.process.kill();
        }
        catch (final IllegalStateException endedOrNeverStarted)
        {
            // nothing to kill
        }
    }

    /**
     * Waits until no replacement worker is starting, so that none is left running after the pool.
     */
    private void awaitStarts() throws InterruptedException
    {
        synchronized (lock)
        {
            while (0 != starting)
            {
                lock.wait(100);
            }
        }
    }

    /**
     * @return the id of {@code function}, encoding it the first time it is seen.
     * @throws CodecException if it cannot be encoded.
     */
    private int functionId(final Object function)
    {
        synchronized (lock)
        {
            final Integer known = functionIds.get(function);
            if (null != known)
            {
                return known;
            }
            final Class<?> origin = function instanceof Unpacker ? ((Unpacker)function).function.getClass() : function.getClass();
            final byte[] encoded = SerializedFunctions.encode((Serializable)function, origin);
            final int id = functionRecords.size();
            final UnsafeBuffer record = new UnsafeBuffer(new byte[FUNCTION_BYTES_OFFSET + encoded.length]);
            record.putInt(FUNCTION_ID_OFFSET, id);
            record.putBytes(FUNCTION_BYTES_OFFSET, encoded);
            functionRecords.add(record.byteArray());
            functionIds.put(function, id);
            return id;
        }
    }

    @SuppressWarnings("unchecked")
    private <R> PoolFunction<List<Object>, R> unpacker(final Serializable function)
    {
        synchronized (lock)
        {
            return (PoolFunction<List<Object>, R>)(PoolFunction<?, ?>)unpackers.computeIfAbsent(function, f -> new Unpacker(function));
        }
    }

    /**
     * @return a shared array of at least {@code length} elements for a primitive map: one a finished map gave
     * back (which workers have already mapped), or a new one.
     */
    private <A extends SharedObject> A spare(final Class<A> type, final int length)
    {
        synchronized (lock)
        {
            checkRunning();
            for (final Iterator<SharedObject> it = spareArrays.iterator(); it.hasNext(); )
            {
                final SharedObject array = it.next();
                if (type.isInstance(array) && arrayLength(array) >= length)
                {
                    it.remove();
                    return type.cast(array);
                }
            }
        }
        final SharedObject array = SharedIntArray.class == type ? SharedIntArray.create(shm, length) :
            SharedLongArray.class == type ? SharedLongArray.create(shm, length) : SharedDoubleArray.create(shm, length);
        return type.cast(array);
    }

    /**
     * Keeps an array for the next primitive map, or closes it if {@value #SPARE_ARRAYS} are kept already.
     */
    private void giveBack(final SharedObject array)
    {
        synchronized (lock)
        {
            if (State.TERMINATED != state && spareArrays.size() < SPARE_ARRAYS)
            {
                spareArrays.add(array);
                return;
            }
        }
        array.close();
    }

    private static int arrayLength(final SharedObject array)
    {
        return array instanceof SharedIntArray ? ((SharedIntArray)array).length() :
            array instanceof SharedLongArray ? ((SharedLongArray)array).length() : ((SharedDoubleArray)array).length();
    }

    private void shutDown() throws InterruptedException
    {
        awaitStarts();
        collector.interrupt();
        collector.join(10_000);
        collecting.lock();
        try
        {
            if (!shm.isClosed())
            {
                for (final Worker worker : workers)
                {
                    closeLink(worker);
                }
                synchronized (lock)
                {
                    spareArrays.forEach(SharedObject::close);
                    spareArrays.clear();
                }
                shm.close();
            }
        }
        finally
        {
            collecting.unlock();
        }
    }

    private int defaultChunksize(final int length)
    {
        final int chunks = processes * 4;
        return Math.max(1, length / chunks + (0 == length % chunks ? 0 : 1));
    }

    private static int checkChunksize(final int chunksize)
    {
        if (chunksize < 1)
        {
            throw new IllegalArgumentException("chunksize must be at least 1: " + chunksize +
                " (leave it out for Python's default)");
        }
        return chunksize;
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
            if (processes < 1)
            {
                throw new IllegalArgumentException("processes must be at least 1: " + processes);
            }
            this.processes = processes;
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
            if (tasks < 0)
            {
                throw new IllegalArgumentException("maxTasksPerChild must not be negative: " + tasks);
            }
            this.maxTasksPerChild = tasks;
            return this;
        }

        /**
         * @param retries how many times a task whose worker died is given to another worker before it fails.
         */
        public Builder retries(final int retries)
        {
            if (retries < 0)
            {
                throw new IllegalArgumentException("retries must not be negative: " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * @param timeout how long one task may run; a worker still running a task after this long is killed,
         *                the task fails with {@link TaskTimeoutException} (it is not retried) and a new worker
         *                takes the old one's place. Measured from when the worker is free to start the task.
         */
        public Builder taskTimeout(final Duration timeout)
        {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("taskTimeout must be positive: " + timeout);
            }
            this.taskTimeout = timeout;
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
            return new Pool(this);
        }
    }

    /**
     * A two- or three-argument function applied to a list of its arguments ({@link #starmap}).
     */
    private static final class Unpacker implements PoolFunction<List<Object>, Object>
    {
        private static final long serialVersionUID = 1L;

        final Serializable function;

        Unpacker(final Serializable function)
        {
            this.function = function;
        }

        @SuppressWarnings("unchecked")
        public Object apply(final List<Object> arguments) throws Exception
        {
            if (function instanceof PoolBiFunction)
            {
                return ((PoolBiFunction<Object, Object, Object>)function).apply(arguments.get(0), arguments.get(1));
            }
            return ((PoolTriFunction<Object, Object, Object, Object>)function).apply(
                arguments.get(0), arguments.get(1), arguments.get(2));
        }
    }

    private static final class LoggingHolder
    {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pool.class);
    }

    private static final class Worker
    {
        final int index;
        final JvmProcess process;
        final WorkerLink link;
        /** The tasks sent to it, in the order it runs them: the first is the one running. */
        final LinkedHashMap<Long, Task> outstanding = new LinkedHashMap<>();
        final BitSet functionsSent = new BitSet();
        /** Tasks dispatched to it and not yet handed to the sender (guarded by the pool's lock). */
        final ArrayDeque<Task> toSend = new ArrayDeque<>();
        /** Held by the one thread writing to its task ring, which alone uses the two fields below. */
        final ReentrantLock sending = new ReentrantLock();
        final List<Task> batch = new ArrayList<>();
        final UnsafeBuffer sendView = new UnsafeBuffer(new byte[0]);
        boolean alive = true;
        /** Whether it has said it is ready for tasks and taken its slot; none is sent to it before. */
        boolean ready;
        /** The event of the worker it replaces, to commit when it is ready; null if it replaces none. */
        PoolWorkerReplacedEvent replacing;
        /** When the task it is running began (when it was sent, or when the one before it ended). */
        long busySince;
        /** How long its last task ran, as the worker timed it; 0 until one has. */
        long lastTaskNanos;

        Worker(final int index, final JvmProcess process, final WorkerLink link)
        {
            this.index = index;
            this.process = process;
            this.link = link;
        }

        /**
         * @return how many tasks it may hold: {@value #WINDOW} once its tasks are known to be short, else two (the
         * one running and the next).
         */
        int window(final long now)
        {
            final boolean quick = 0 != lastTaskNanos && lastTaskNanos < LONG_TASK_NS &&
                (outstanding.isEmpty() || now - busySince < LONG_TASK_NS);
            return quick ? WINDOW : 2;
        }
    }

    private static final class Task
    {
        final byte[] record;
        final int functionId;
        final Job job;
        final int offset;
        final int count;
        long id;
        int attempts;
        boolean timedOut;
        /** The function's record, to send before the task to a worker that lacks it; else null. */
        byte[] function;

        Task(final byte[] record, final int functionId, final Job job, final int offset, final int count)
        {
            this.record = record;
            this.functionId = functionId;
            this.job = job;
            this.offset = offset;
            this.count = count;
        }
    }

    /**
     * The results of one call, gathered in order from its tasks by the thread collecting results; completes
     * once, with all of them or the first failure.
     */
    static final class Job
    {
        final PoolFuture<List<Object>> future;
        final int size;
        final Consumer<? super List<Object>> callback;
        final Consumer<? super Throwable> errorCallback;
        private final boolean keepValues;
        /** The results so far: an int[], long[] or double[] while every chunk came back as one, else an Object[]. */
        private Object values;
        private ProgressListener progress;
        private long done;
        /** The most the listener has been told of; -1 before the first report. */
        private final AtomicLong reported = new AtomicLong(-1);
        /** Null unless the {@link PoolMapEvent} was enabled when the job began. */
        private final PoolMapEvent event;

        /**
         * @param keepValues false when the workers write the results into a shared array.
         */
        Job(final Pool pool, final int size, final boolean keepValues, final Consumer<? super List<Object>> callback,
            final Consumer<? super Throwable> errorCallback)
        {
            future = new PoolFuture<>(pool);
            future.whenComplete((values, failure) ->
            {
                if (null != failure)
                {
                    pool.withdraw(this);
                }
            });
            if (POOL_MAP_EVENT.isEnabled())
            {
                event = new PoolMapEvent();
                event.begin();
            }
            else
            {
                event = null;
            }
            this.size = size;
            this.keepValues = keepValues;
            this.callback = callback;
            this.errorCallback = errorCallback;
            if (0 == size)
            {
                succeed();
            }
        }

        void complete(final Task task, final Object results)
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

        private void keep(final int offset, final Object results)
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

        void fail(final Throwable failure)
        {
            if (future.completeExceptionally(failure))
            {
                commitEvent(failure);
                if (null != errorCallback)
                {
                    errorCallback.accept(failure);
                }
            }
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

        void onProgress(final ProgressListener listener)
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

        /**
         * Completes with the results as an unmodifiable list (boxing numbers as they are read).
         */
        private void succeed()
        {
            final List<Object> list = !keepValues ? null : null == values ? List.of() : values instanceof Object[] ?
                Collections.unmodifiableList(Arrays.asList((Object[])values)) : PoolValues.boxed(values);
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

    /**
     * The iterator of {@link #imap} and {@link #imapUnordered}: submits chunks as results are taken, at most
     * four per worker in flight, so that the arguments are never all in memory.
     */
    private final class StreamingResults<T, R> implements Iterator<R>
    {
        private final PoolFunction<T, R> function;
        private final Iterator<? extends T> arguments;
        private final int chunksize;
        private final boolean ordered;
        private final ArrayDeque<CompletableFuture<List<Object>>> inFlight = new ArrayDeque<>();
        private final ArrayDeque<Object> ready = new ArrayDeque<>();
        /** What the arguments threw, raised by {@code next()} once the results before it have been taken. */
        private RuntimeException inputFailure;

        StreamingResults(final PoolFunction<T, R> function, final Iterator<? extends T> arguments, final int chunksize,
            final boolean ordered)
        {
            this.function = Objects.requireNonNull(function, "function");
            this.arguments = Objects.requireNonNull(arguments, "arguments");
            this.chunksize = chunksize;
            this.ordered = ordered;
            fill();
        }

        public boolean hasNext()
        {
            return !ready.isEmpty() || !inFlight.isEmpty() || null != inputFailure;
        }

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
                awaitDone(() -> inFlight.stream().anyMatch(CompletableFuture::isDone), Long.MAX_VALUE);
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

        /**
         * Submits chunks while fewer than four per worker are in flight.
         */
        private void fill()
        {
            while (null == inputFailure && inFlight.size() < 4 * processes)
            {
                final List<Object> chunk = nextChunk();
                if (chunk.isEmpty())
                {
                    return;
                }
                inFlight.add(submit(function, chunk, chunk.size(), null, null).future);
            }
        }

        /**
         * @return the next arguments, none at the end; if the arguments throw, the chunk being gathered is
         * dropped and the exception kept for {@code next()}, as CPython's {@code imap} does.
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
}
