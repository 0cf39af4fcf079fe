package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.MessageTooLargeException;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedObject;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The pool engine on one host: worker JVMs linked by rings in the pool's own shared-memory context. It puts the
 * parts together and runs the pool's life; each part has one job:
 * <ul>
 *   <li>{@link FunctionTable}: each function encoded once, then named by id;</li>
 *   <li>{@link TaskRecords}: a call's arguments cut into TASK records;</li>
 *   <li>{@link TaskDispatcher}: which worker holds which task, within a window, and the pool's phase;</li>
 *   <li>{@link TaskSender}: writes assigned tasks into the workers' rings, with no dispatcher lock held;</li>
 *   <li>{@link ResultCollector}: reads results and exits, on its own thread or a waiting caller's;</li>
 *   <li>{@link WorkerSupervisor}: starts workers in parallel, replaces those that end ({@link RetryPolicy}),
 *       kills those past the task timeout;</li>
 *   <li>{@link PoolJob}: a call's results in order, its callbacks and progress;</li>
 *   <li>{@link StreamingResults}: the {@code imap} iterator; {@link SpareArrays}: shared arrays kept for maps of
 *       plain arrays.</li>
 * </ul>
 * No lock is held during a JVM start, a ring send or a user callback. Thread-safe.
 */
public final class LocalPool implements PoolEngine
{
    private final PoolSettings settings;
    private final ShmContext shm;
    private final Codec codec;
    private final FunctionTable functions = new FunctionTable();
    private final TaskDispatcher dispatcher;
    private final TaskSender sender;
    private final ResultCollector collector;
    private final WorkerSupervisor supervisor;
    private final SpareArrays spares;

    /**
     * Creates the pool's context and starts its workers; returns once the first is ready for tasks.
     *
     * @throws RuntimeException what stopped the first worker from starting, with nothing left behind.
     */
    public LocalPool(final PoolSettings settings)
    {
        this.settings = settings;
        codec = settings.codec();
        shm = ShmContext.create();
        if (null != settings.idlePolicy())
        {
            shm.setIdlePolicy(settings.idlePolicy());
        }
        else if (null == System.getProperty(ShmConfiguration.IDLE_PROP_NAME))
        {
            shm.setIdlePolicy(IdlePolicy.RESPONSIVE);
        }
        dispatcher = new TaskDispatcher(settings.processes(), "Pool");
        sender = new TaskSender(dispatcher, shm);
        collector = new ResultCollector(shm, dispatcher, sender, codec, settings.taskTimeoutNanos());
        supervisor = new WorkerSupervisor(settings, shm, dispatcher, sender, collector);
        spares = new SpareArrays(shm);
        try
        {
            supervisor.startAll();
        }
        catch (final RuntimeException | Error ex)
        {
            shm.close();
            throw ex;
        }
        collector.start(supervisor);
    }

    @Override
    public PoolJob submit(final Object function, final List<Object> arguments, final int chunksize,
        final Consumer<? super List<Object>> callback, final Consumer<? super Throwable> errorCallback)
    {
        Objects.requireNonNull(function, "function");
        final PoolJob job = new PoolJob(collector, arguments.size(), true, callback, errorCallback,
            dispatcher::withdraw);
        final List<PoolTask> chunks;
        try
        {
            final int id = functions.idOf(function);
            chunks = TaskRecords.chunks(job, id, functions.record(id), arguments, chunksFor(chunksize,
                arguments.size()), codec);
        }
        catch (final CodecException | MessageTooLargeException ex)
        {
            dispatcher.checkRunning();
            job.fail(ex);
            return job;
        }
        enqueue(chunks);
        return job;
    }

    /**
     * Maps every element of {@code source} into the same index of {@code target} in the workers.
     *
     * @param chunksize elements per task; 0 for Python's default.
     */
    @Override
    public PoolJob mapInPlace(final Object function, final SharedObject source, final SharedObject target,
        final int chunksize)
    {
        Objects.requireNonNull(function, "function");
        final int length = SpareArrays.length(Objects.requireNonNull(source, "source"));
        final int targetLength = SpareArrays.length(Objects.requireNonNull(target, "target"));
        if (targetLength < length)
        {
            throw new IllegalArgumentException("target of " + targetLength + " elements is shorter than source of " +
                length);
        }
        final PoolJob job = new PoolJob(collector, length, false, null, null, dispatcher::withdraw);
        final int id = functions.idOf(function);
        enqueue(TaskRecords.slices(job, id, functions.record(id), SpareArrays.kind(source), length,
            source.handle().toString(), target.handle().toString(), chunksFor(chunksize, length)));
        return job;
    }

    /**
     * Maps a plain {@code int[]}, {@code long[]} or {@code double[]} through a shared array, with no codec call.
     *
     * @return the results, in a new array of the same kind.
     */
    @Override
    public Object mapArray(final Object function, final Object values) throws InterruptedException, ExecutionException
    {
        Objects.requireNonNull(function, "function");
        final int length = Array.getLength(Objects.requireNonNull(values, "values"));
        if (0 == length)
        {
            return Array.newInstance(values.getClass().getComponentType(), 0);
        }
        dispatcher.checkRunning();
        final SharedObject shared = spares.take(SpareArrays.kindOf(values), length);
        try
        {
            SpareArrays.copyIn(values, shared, length);
            mapInPlace(function, shared, shared, 0).future().get();
            return SpareArrays.copyOut(shared, length);
        }
        finally
        {
            spares.giveBack(shared);
        }
    }

    /**
     * @return four chunks per worker. (An {@code imap}'s waits read results as any other caller's do.)
     */
    @Override
    public int chunksInFlight()
    {
        return 4 * settings.processes();
    }

    @Override
    public <R> PoolFunction<List<Object>, R> unpacker(final Serializable function)
    {
        return functions.unpacker(Objects.requireNonNull(function, "function"));
    }

    /**
     * @return the arguments as a random-access list: the list itself if it is one, else a copy.
     */
    @SuppressWarnings("unchecked")
    public static List<Object> listOf(final Iterable<?> arguments)
    {
        Objects.requireNonNull(arguments, "arguments");
        if (arguments instanceof List && arguments instanceof RandomAccess)
        {
            return (List<Object>)arguments;
        }
        final List<Object> all = arguments instanceof Collection ?
            new ArrayList<>(((Collection<?>)arguments).size()) : new ArrayList<>();
        arguments.forEach(all::add);
        return all;
    }

    /**
     * @return each pair as a list of its two arguments, for an {@link #unpacker}.
     */
    public static List<List<Object>> pairs(final Iterable<? extends Map.Entry<?, ?>> pairs)
    {
        Objects.requireNonNull(pairs, "pairs");
        final List<List<Object>> arguments = new ArrayList<>();
        for (final Map.Entry<?, ?> pair : pairs)
        {
            arguments.add(new ArrayList<>(Arrays.asList(pair.getKey(), pair.getValue())));
        }
        return arguments;
    }

    /**
     * @return each list of three arguments, copied, for an {@link #unpacker}.
     * @throws IllegalArgumentException if one does not have three elements.
     */
    public static List<List<Object>> triples(final Iterable<? extends List<?>> triples)
    {
        Objects.requireNonNull(triples, "triples");
        final List<List<Object>> arguments = new ArrayList<>();
        for (final List<?> triple : triples)
        {
            if (3 != triple.size())
            {
                throw new IllegalArgumentException("starmap of a three-argument function needs three arguments: " +
                    triple);
            }
            arguments.add(new ArrayList<>(triple));
        }
        return arguments;
    }

    @Override
    public boolean awaitDone(final BooleanSupplier done, final long timeoutNanos)
        throws InterruptedException
    {
        return collector.awaitDone(done, timeoutNanos);
    }

    /**
     * @return the workers' pids, once the starts under way have finished.
     */
    @Override
    public List<Long> workerPids()
    {
        try
        {
            return supervisor.pids();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the pool's workers started");
        }
    }

    /**
     * Takes no more tasks, waits for those taken, stops the workers and removes the pool's files; if interrupted,
     * terminates instead and keeps the interrupt. Idempotent.
     */
    @Override
    public void close()
    {
        try
        {
            supervisor.awaitStarts();
            if (!dispatcher.drainAndEnd())
            {
                return;
            }
            supervisor.endStarts();
            supervisor.stopAll();
            shutDown();
        }
        catch (final InterruptedException ex)
        {
            terminate();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills the workers; calls not done fail with {@link CancellationException}. Idempotent.
     */
    @Override
    public void terminate()
    {
        final List<PoolTask> cancelled = dispatcher.terminate();
        supervisor.endStarts();
        for (final PoolTask task : cancelled)
        {
            task.job.fail(new CancellationException("the pool was terminated"));
        }
        supervisor.killAll();
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

    @Override
    public boolean isTerminated()
    {
        return shm.isClosed();
    }

    @Override
    public boolean awaitQuiet(final Duration timeout) throws InterruptedException
    {
        return dispatcher.awaitIdle(timeout);
    }

    @Override
    public Path contextDirectory()
    {
        return shm.directory();
    }

    @Override
    public String toString()
    {
        return dispatcher.toString();
    }

    private int chunksFor(final int chunksize, final int length)
    {
        return 0 == chunksize ? settings.defaultChunksize(length) : chunksize;
    }

    private void enqueue(final List<PoolTask> chunks)
    {
        dispatcher.enqueue(chunks);
        sender.flush();
        collector.wake();
    }

    private void shutDown() throws InterruptedException
    {
        supervisor.awaitStarts();
        collector.stop(() ->
        {
            if (!shm.isClosed())
            {
                dispatcher.snapshot().forEach(TaskSender::closeLink);
                spares.closeAll();
                shm.close();
            }
        });
    }
}
