package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.function.PoolBiFunction;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.internal.pool.PoolResult;
import io.multiprocessing4j.internal.pool.PoolTask;
import io.multiprocessing4j.internal.pool.PoolWorker;
import io.multiprocessing4j.internal.process.SerializedFunctions;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedByteArray;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Python's {@code multiprocessing.Pool}: worker JVMs that apply functions to arguments. {@link #apply},
 * {@link #applyAsync}, {@link #map}, {@link #mapAsync}, {@link #starmap}, {@link #imap} and
 * {@link #imapUnordered}, with Python's chunking; each function is encoded once per pool and read once by each worker.
 * <p>
 * Each worker has a queue of its own, and the pool sends it at most two tasks ahead, so the pool always knows
 * which worker holds which task. A worker that dies (SIGKILL, {@code System.exit}, a crash) is seen within
 * milliseconds: its tasks fail with {@link WorkerDiedException} naming its pid and exit status, or are retried
 * if the pool was built with {@link Builder#retries(int) retries}, and the worker is replaced; the pool goes
 * on. What a function throws reaches the caller as the cause of an {@link ExecutionException}, with its
 * remote stack trace.
 * <p>
 * {@link #close()} (and try-with-resources) takes no more tasks, waits for those submitted, and stops the
 * workers: Python's {@code close()} then {@code join()}. {@link #terminate()} stops at once (Python's
 * {@code with Pool() as p:} terminates on exit; Java's {@code close()} drains, as an {@code ExecutorService}
 * does). Thread-safe.
 */
public final class Pool implements AutoCloseable
{
    private static final int WINDOW = 2;
    private static final Duration POLL = Duration.ofMillis(10);

    private final ShmContext shm;
    private final ProcessContext processContext;
    private final int processes;
    private final byte[] initializer;
    private final int maxTasksPerChild;
    private final int retries;
    private final Codec codec;
    private final SharedQueue<Object> results;
    private final Worker[] workers;
    private final Object lock = new Object();
    private final ArrayDeque<Task> pending = new ArrayDeque<>();
    private final Map<Long, Task> tasks = new HashMap<>();
    private final Map<PoolFunction<?, ?>, FunctionFile> functions = new IdentityHashMap<>();
    @SuppressWarnings("rawtypes")
    private final Map<PoolBiFunction, PoolFunction> unpackers = new IdentityHashMap<>();
    private final ConcurrentLinkedQueue<Worker> exited = new ConcurrentLinkedQueue<>();
    private final Thread collector;
    private long nextTaskId;
    private int nextWorkerNumber;
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
        initializer = null == builder.initializer ? null : SerializedFunctions.encode(builder.initializer);
        codec = Codec.fory(ClassAllowList.defaults().with(builder.allowed.toArray(new String[0])));
        shm = ShmContext.create();
        results = SharedQueue.create(shm, 0, codec, 1 << 12, 128);
        workers = new Worker[processes];
        synchronized (lock)
        {
            for (int i = 0; i < processes; i++)
            {
                workers[i] = startWorker(i);
            }
        }
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
     * @param callback      called with the result, once, in the pool's result thread (or {@code null}).
     * @param errorCallback called with what failed the call, once (or {@code null}).
     */
    @SuppressWarnings("unchecked")
    public <T, R> AsyncResult<R> applyAsync(final PoolFunction<T, R> function, final T argument,
        final Consumer<? super R> callback, final Consumer<? super Throwable> errorCallback)
    {
        Objects.requireNonNull(function, "function");
        final CompletableFuture<List<Object>> values = submit(function, Collections.singletonList(argument), 1,
            (Consumer<? super List<Object>>)(null == callback ? null :
                (Consumer<List<Object>>)list -> callback.accept((R)list.get(0))), errorCallback);
        return new AsyncResult<>(values.thenApply(list -> (R)list.get(0)));
    }

    /**
     * Applies {@code function} to every argument, in chunks of Python's default size, and waits for all the
     * results, in order (Python's {@code map}). The first failure fails the map.
     */
    public <T, R> List<R> map(final PoolFunction<T, R> function, final Iterable<? extends T> arguments)
        throws InterruptedException, ExecutionException
    {
        return mapAsync(function, arguments, 0).get();
    }

    public <T, R> List<R> map(final PoolFunction<T, R> function, final Iterable<? extends T> arguments,
        final int chunksize) throws InterruptedException, ExecutionException
    {
        return mapAsync(function, arguments, chunksize).get();
    }

    /**
     * @param chunksize arguments per task; 0 for Python's default (length / (4 × workers), rounded up).
     */
    public <T, R> AsyncResult<List<R>> mapAsync(
        final PoolFunction<T, R> function, final Iterable<? extends T> arguments, final int chunksize)
    {
        return mapAsync(function, arguments, chunksize, null, null);
    }

    @SuppressWarnings("unchecked")
    public <T, R> AsyncResult<List<R>> mapAsync(final PoolFunction<T, R> function,
        final Iterable<? extends T> arguments, final int chunksize, final Consumer<? super List<R>> callback,
        final Consumer<? super Throwable> errorCallback)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(arguments, "arguments");
        final List<Object> all = new ArrayList<>();
        arguments.forEach(all::add);
        final int size = 0 == chunksize ? defaultChunksize(all.size()) : checkChunksize(chunksize);
        final CompletableFuture<List<Object>> values = submit(function, all, size,
            null == callback ? null : list -> callback.accept((List<R>)(List<?>)list), errorCallback);
        return new AsyncResult<>(values.thenApply(list -> (List<R>)(List<?>)list));
    }

    /**
     * Applies a two-argument function to each pair (Python's {@code starmap} over 2-tuples), in order.
     *
     * @param pairs the argument pairs, e.g. {@code List.of(Map.entry(1, 2), Map.entry(3, 4))}.
     */
    public <A, B, R> List<R> starmap(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws InterruptedException, ExecutionException
    {
        return starmapAsync(function, pairs, 0).get();
    }

    public <A, B, R> AsyncResult<List<R>> starmapAsync(final PoolBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, final int chunksize)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(pairs, "pairs");
        final List<List<Object>> arguments = new ArrayList<>();
        for (final Map.Entry<? extends A, ? extends B> pair : pairs)
        {
            arguments.add(new ArrayList<>(Arrays.asList(pair.getKey(), pair.getValue())));
        }
        final PoolFunction<List<Object>, R> spread;
        synchronized (lock)
        {
            spread = unpackers.computeIfAbsent(function, f -> unpacker(function));
        }
        return mapAsync(spread, arguments, chunksize);
    }

    private static <A, B, R> PoolFunction<List<Object>, R> unpacker(final PoolBiFunction<A, B, R> function)
    {
        return new Unpacker<>(function);
    }

    /**
     * Applies {@code function} to the arguments lazily, {@code chunksize} at a time (default 1, as in
     * Python), keeping a bounded number of chunks in flight, and returns the results in order as they are
     * ready (Python's {@code imap}). An infinite iterator of arguments is fine.
     */
    public <T, R> Iterator<R> imap(final PoolFunction<T, R> function, final Iterator<? extends T> arguments,
        final int chunksize)
    {
        return new StreamingResults<>(function, arguments, checkChunksize(Math.max(1, chunksize)), true);
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
        return new StreamingResults<>(function, arguments, checkChunksize(Math.max(1, chunksize)), false);
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
        synchronized (lock)
        {
            final List<Long> pids = new ArrayList<>();
            for (final Worker worker : workers)
            {
                pids.add(worker.process.pid());
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
                for (final Worker worker : workers)
                {
                    worker.queue.offer(PoolTask.stop());
                }
            }
            for (final Worker worker : workers)
            {
                if (!worker.process.join(Duration.ofSeconds(10)))
                {
                    worker.process.kill();
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
        synchronized (lock)
        {
            state = State.TERMINATED;
            for (final Task task : tasks.values())
            {
                task.job.fail(new CancellationException("the pool was terminated"));
            }
            tasks.clear();
            pending.clear();
            lock.notifyAll();
        }
        for (final Worker worker : workers)
        {
            worker.process.kill();
        }
        boolean interrupted = false;
        for (final Worker worker : workers)
        {
            try
            {
                worker.process.join(Duration.ofSeconds(10));
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
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

    public String toString()
    {
        return "Pool[" + processes + " workers, " + state + "]";
    }

    private void shutDown() throws InterruptedException
    {
        if (shm.isClosed())
        {
            return;
        }
        collector.interrupt();
        collector.join(10_000);
        shm.close();
    }

    private CompletableFuture<List<Object>> submit(final PoolFunction<?, ?> function, final List<Object> arguments,
        final int chunksize, final Consumer<? super List<Object>> callback, final Consumer<? super Throwable> errorCallback)
    {
        final Job job = new Job(arguments.size(), callback, errorCallback);
        synchronized (lock)
        {
            if (State.RUNNING != state)
            {
                throw new IllegalStateException("the pool is closed: " + this);
            }
            final FunctionFile file = functionFile(function);
            for (int offset = 0; offset < arguments.size(); offset += chunksize)
            {
                final List<Object> chunk = new ArrayList<>(arguments.subList(offset, Math.min(arguments.size(), offset + chunksize)));
                final Task task = new Task(nextTaskId++, file, chunk, job, offset);
                tasks.put(task.id, task);
                pending.add(task);
            }
            dispatch();
        }
        return job.future;
    }

    /**
     * Sends pending tasks to the least busy live workers, at most {@value #WINDOW} ahead of each. Holds the lock.
     */
    private void dispatch()
    {
        while (!pending.isEmpty())
        {
            Worker idlest = null;
            for (final Worker worker : workers)
            {
                if (worker.alive && worker.outstanding.size() < WINDOW &&
                    (null == idlest || worker.outstanding.size() < idlest.outstanding.size()))
                {
                    idlest = worker;
                }
            }
            if (null == idlest)
            {
                return;
            }
            final Task task = pending.poll();
            if (task.job.future.isDone())
            {
                tasks.remove(task.id);
                continue;
            }
            try
            {
                if (!idlest.queue.offer(new PoolTask(task.id, task.file.id, task.file.handle, task.arguments)))
                {
                    pending.addFirst(task);
                    return;
                }
                idlest.outstanding.put(task.id, task);
                task.worker = idlest;
            }
            catch (final RuntimeException ex)
            {
                tasks.remove(task.id);
                task.job.fail(ex);
            }
        }
    }

    private void collect()
    {
        while (!Thread.currentThread().isInterrupted())
        {
            try
            {
                final PoolResult result = (PoolResult)results.poll(POLL);
                if (null != result)
                {
                    complete(result);
                }
                Worker worker;
                while (null != (worker = exited.poll()))
                {
                    PoolResult last;
                    while (null != (last = (PoolResult)results.poll()))
                    {
                        complete(last);
                    }
                    replace(worker);
                }
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final RuntimeException ex)
            {
                if (State.TERMINATED == state && shm.isClosed())
                {
                    return;
                }
                LoggingHolder.LOG.warn("pool result thread: {}", ex.toString());
            }
        }
    }

    private void complete(final PoolResult result)
    {
        synchronized (lock)
        {
            final Task task = tasks.remove(result.taskId());
            if (null == task)
            {
                return;
            }
            task.worker.outstanding.remove(task.id);
            if (null == result.failure())
            {
                task.job.complete(task.offset, result.values());
            }
            else
            {
                task.job.fail(result.failure());
            }
            dispatch();
            if (tasks.isEmpty())
            {
                lock.notifyAll();
            }
        }
    }

    /**
     * A worker ended: its tasks go back to the queue (after a normal end at {@code maxTasksPerChild}, or
     * within the retry budget) or fail naming the worker; a new worker takes its place.
     */
    private void replace(final Worker worker)
    {
        synchronized (lock)
        {
            worker.alive = false;
            worker.queue.close();
            final int exitCode = worker.process.exitCode().orElse(-1);
            final List<Task> orphans = new ArrayList<>(worker.outstanding.values());
            worker.outstanding.clear();
            orphans.sort((a, b) -> Long.compare(b.id, a.id));
            for (final Task task : orphans)
            {
                final boolean retired = 0 == exitCode && worker.process.exception().isEmpty();
                if (retired || task.attempts++ < retries)
                {
                    pending.addFirst(task);
                }
                else
                {
                    tasks.remove(task.id);
                    task.job.fail(new WorkerDiedException(worker.process.name() + " (pid " + worker.process.pid() +
                        ") ended with exit code " + exitCode + " while it held this task"));
                }
            }
            if (State.TERMINATED != state)
            {
                workers[worker.index] = startWorker(worker.index);
            }
            dispatch();
            if (tasks.isEmpty())
            {
                lock.notifyAll();
            }
        }
    }

    private Worker startWorker(final int index)
    {
        final SharedQueue<Object> queue = SharedQueue.create(shm, 0, codec, 1 << 8, 128);
        final SharedQueue<Object> resultQueue = results;
        final byte[] init = initializer;
        final int maxTasks = maxTasksPerChild;
        final JvmProcess process = new JvmProcess("PoolWorker-" + (++nextWorkerNumber),
            () -> PoolWorker.run(queue, resultQueue, init, maxTasks));
        if (null != processContext)
        {
            process.setContext(processContext);
        }
        process.setDaemon(true).start();
        final Worker worker = new Worker(index, process, queue);
        process.onExit().thenRun(() -> exited.add(worker));
        return worker;
    }

    private FunctionFile functionFile(final PoolFunction<?, ?> function)
    {
        return functions.computeIfAbsent(function, f ->
        {
            final Class<?> origin = f instanceof Unpacker ? ((Unpacker<?, ?, ?>)f).function.getClass() : f.getClass();
            final SharedByteArray file = SharedByteArray.create(shm, SerializedFunctions.encode(f, origin));
            return new FunctionFile(functions.size(), file.handle().toString());
        });
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
            throw new IllegalArgumentException("chunksize must be at least 1: " + chunksize);
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

        public Pool build()
        {
            return new Pool(this);
        }
    }

    /**
     * A two-argument function applied to a list of its two arguments ({@link #starmap}).
     */
    private static final class Unpacker<A, B, R> implements PoolFunction<List<Object>, R>
    {
        private static final long serialVersionUID = 1L;

        final PoolBiFunction<A, B, R> function;

        Unpacker(final PoolBiFunction<A, B, R> function)
        {
            this.function = function;
        }

        @SuppressWarnings("unchecked")
        public R apply(final List<Object> arguments) throws Exception
        {
            return function.apply((A)arguments.get(0), (B)arguments.get(1));
        }
    }

    private static final class LoggingHolder
    {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pool.class);
    }

    private static final class FunctionFile
    {
        final int id;
        final String handle;

        FunctionFile(final int id, final String handle)
        {
            this.id = id;
            this.handle = handle;
        }
    }

    private static final class Worker
    {
        final int index;
        final JvmProcess process;
        final SharedQueue<Object> queue;
        final Map<Long, Task> outstanding = new HashMap<>();
        boolean alive = true;

        Worker(final int index, final JvmProcess process, final SharedQueue<Object> queue)
        {
            this.index = index;
            this.process = process;
            this.queue = queue;
        }
    }

    private static final class Task
    {
        final long id;
        final FunctionFile file;
        final List<Object> arguments;
        final Job job;
        final int offset;
        int attempts;
        Worker worker;

        Task(final long id, final FunctionFile file, final List<Object> arguments, final Job job, final int offset)
        {
            this.id = id;
            this.file = file;
            this.arguments = arguments;
            this.job = job;
            this.offset = offset;
        }
    }

    /**
     * The results of one call, gathered in order from its tasks; completes once, with all of them or the first failure.
     */
    private static final class Job
    {
        final CompletableFuture<List<Object>> future = new CompletableFuture<>();
        final Object[] values;
        final Consumer<? super List<Object>> callback;
        final Consumer<? super Throwable> errorCallback;
        int remaining;

        Job(final int size, final Consumer<? super List<Object>> callback, final Consumer<? super Throwable> errorCallback)
        {
            values = new Object[size];
            remaining = size;
            this.callback = callback;
            this.errorCallback = errorCallback;
            if (0 == size)
            {
                succeed();
            }
        }

        void complete(final int offset, final List<Object> chunk)
        {
            for (int i = 0; i < chunk.size(); i++)
            {
                values[offset + i] = chunk.get(i);
            }
            remaining -= chunk.size();
            if (0 == remaining)
            {
                succeed();
            }
        }

        void fail(final Throwable failure)
        {
            if (future.completeExceptionally(failure) && null != errorCallback)
            {
                errorCallback.accept(failure);
            }
        }

        private void succeed()
        {
            final List<Object> list = Arrays.asList(values);
            if (future.complete(list) && null != callback)
            {
                callback.accept(list);
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
            return !ready.isEmpty() || !inFlight.isEmpty();
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
                CompletableFuture.anyOf(inFlight.toArray(new CompletableFuture[0])).get();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a result");
            }
            catch (final ExecutionException ignore)
            {
                // found below
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
            while (inFlight.size() < 4 * processes && arguments.hasNext())
            {
                final List<Object> chunk = new ArrayList<>(chunksize);
                while (chunk.size() < chunksize && arguments.hasNext())
                {
                    chunk.add(arguments.next());
                }
                inFlight.add(submit(function, chunk, chunk.size(), null, null));
            }
        }
    }
}
