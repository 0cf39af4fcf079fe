package io.multiprocessing4j.cluster.internal;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.multiprocessing4j.MessageTooLargeException;
import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.cluster.ClusterConfig;
import io.multiprocessing4j.cluster.ClusterException;
import io.multiprocessing4j.cluster.MemberLostException;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.internal.pool.FunctionTable;
import io.multiprocessing4j.internal.pool.PoolEngine;
import io.multiprocessing4j.internal.pool.PoolJob;
import io.multiprocessing4j.internal.pool.PoolSettings;
import io.multiprocessing4j.internal.pool.PoolTask;
import io.multiprocessing4j.internal.pool.PoolValues;
import io.multiprocessing4j.internal.pool.TaskRecords;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.BODY_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.NO_FUNCTION;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.STATUS_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_VALUES_OFFSET;

/**
 * The pool engine on a Hazelcast cluster: this JVM is a client (it holds no data); members that proved they hold
 * the key ({@link MemberAdmissions}) run its chunks, each sent as one sealed array through Hazelcast's executor, the
 * function carried until the member has answered a chunk of it. The {@link ChunkDispatcher} decides who holds what;
 * results are checked under the key before they are decoded; a member that leaves, or whose connection drops, has
 * its chunks retried on the others, as {@link ClusterConfig#retries} allows. Thread-safe.
 */
public final class ClusterEngine implements PoolEngine
{
    /**
     * The longest a caller waits before it looks again: a future derived from a job's (a {@code thenApply}) may
     * complete just after the job's own notification.
     */
    private static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ClusterConfig config;
    private final ClusterKey key;
    private final Codec codec;
    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final UUID poolId = UUID.randomUUID();
    private final FunctionTable functions = new FunctionTable();
    private final ChunkDispatcher dispatcher = new ChunkDispatcher();
    /**
     * Where members' answers are read and jobs completed (and their callbacks run): one thread, as a local pool's
     * result thread. Hazelcast's own default on a host of two cores starts a thread per callback.
     */
    private final ExecutorService answers = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "mp4j-cluster-results");
        thread.setDaemon(true);
        return thread;
    });
    /** Times chunks out ({@link ClusterConfig#taskTimeout}); the answers thread decides. */
    private final ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1, runnable ->
    {
        final Thread thread = new Thread(runnable, "mp4j-cluster-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    /** Waiting callers wait on it; notified whenever a job completes. */
    private final Object completions = new Object();
    private final MemberAdmissions admissions;

    private ClusterEngine(final ClusterConfig config, final HazelcastInstance client)
    {
        this.config = config;
        this.client = client;
        key = new ClusterKey(config.key());
        codec = Codec.fory(ClassAllowList.defaults().with(config.allowedClasses()));
        executor = client.getExecutorService(HazelcastConfigs.EXECUTOR);
        timeouts.setRemoveOnCancelPolicy(true);
        admissions = new MemberAdmissions(client, executor, key, config.connectTimeout(), dispatcher, timeouts,
            () -> send(dispatcher.assign()));
    }

    /**
     * Connects to the cluster and has its members prove they hold the key.
     *
     * @throws ClusterException if no member answered in time, or none proved the key.
     */
    public static ClusterEngine connect(final ClusterConfig config)
    {
        final HazelcastInstance client = HazelcastConfigs.connect(Objects.requireNonNull(config, "config"));
        final ClusterEngine engine = new ClusterEngine(config, client);
        try
        {
            engine.start();
            return engine;
        }
        catch (final RuntimeException ex)
        {
            client.shutdown();
            throw ex;
        }
    }

    private void start()
    {
        client.getCluster().addMembershipListener(new MembershipListener()
        {
            @Override
            public void memberAdded(final MembershipEvent event)
            {
                admissions.joined(event.getMember());
            }

            @Override
            public void memberRemoved(final MembershipEvent event)
            {
                try
                {
                    answers.execute(() -> lose(event.getMember().getUuid())); // failures and callbacks: one thread
                }
                catch (final RejectedExecutionException ex)
                {
                    // the pool is shut down
                }
            }
        });
        admissions.admitAll();
        if (!dispatcher.hasMembers())
        {
            throw new ClusterException("no member of cluster '" + config.name() + "' at " + config.members() +
                " proved that it holds the cluster's key");
        }
    }

    @Override
    public PoolJob submit(final Object function, final List<Object> arguments, final int chunksize,
        final Consumer<? super List<Object>> callback, final Consumer<? super Throwable> errorCallback)
    {
        Objects.requireNonNull(function, "function");
        dispatcher.checkRunning();
        final PoolJob job = new PoolJob(this, arguments.size(), true, callback, errorCallback, dispatcher::withdraw);
        job.future().whenComplete((results, failure) -> wakeWaiters());
        final List<PoolTask> chunks;
        try
        {
            final int id = functions.idOf(function);
            chunks = TaskRecords.chunks(job, id, functions.record(id), arguments, chunksFor(chunksize,
                arguments.size()), codec);
        }
        catch (final CodecException | MessageTooLargeException ex)
        {
            job.fail(ex);
            return job;
        }
        dispatcher.enqueue(chunks);
        send(dispatcher.assign());
        return job;
    }

    @Override
    public PoolJob mapInPlace(final Object function, final SharedObject source, final SharedObject target,
        final int chunksize)
    {
        throw new UnsupportedOperationException("a shared array lives in this host's /dev/shm, which the cluster's " +
            "members cannot reach: map a plain array instead (pool.map(function, int[]))");
    }

    @Override
    public Object mapArray(final Object function, final Object values) throws InterruptedException, ExecutionException
    {
        final int length = Array.getLength(Objects.requireNonNull(values, "values"));
        final List<Object> results = submit(function, PoolValues.boxed(values), 0, null, null).future().get();
        final Object array = Array.newInstance(values.getClass().getComponentType(), length);
        for (int i = 0; i < length; i++)
        {
            Array.set(array, i, results.get(i));
        }
        return array;
    }

    /**
     * @return as many chunks as the members may hold.
     */
    @Override
    public int chunksInFlight()
    {
        return MemberSlot.CHUNKS_PER_WORKER * dispatcher.workers();
    }

    @Override
    public <R> PoolFunction<List<Object>, R> unpacker(final Serializable function)
    {
        return functions.unpacker(Objects.requireNonNull(function, "function"));
    }

    @Override
    public boolean awaitDone(final BooleanSupplier done, final long timeoutNanos) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        synchronized (completions)
        {
            while (!done.getAsBoolean())
            {
                final long left = Long.MAX_VALUE == timeoutNanos ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0)
                {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(completions, Math.min(left, LOOK_AGAIN_NANOS));
            }
        }
        return true;
    }

    /**
     * @return the pids of the members that run this pool's chunks.
     */
    @Override
    public List<Long> workerPids()
    {
        return dispatcher.pids();
    }

    @Override
    public void close()
    {
        dispatcher.close();
        try
        {
            dispatcher.awaitIdle(Long.MAX_VALUE);
            shutDown();
        }
        catch (final InterruptedException ex)
        {
            terminate();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void terminate()
    {
        for (final RemoteChunk chunk : dispatcher.terminate())
        {
            chunk.task.job().fail(new CancellationException("the cluster pool was terminated"));
        }
        shutDown();
    }

    @Override
    public boolean isTerminated()
    {
        return !client.getLifecycleService().isRunning();
    }

    @Override
    public boolean awaitQuiet(final Duration timeout) throws InterruptedException
    {
        return dispatcher.awaitIdle(timeout.toNanos());
    }

    @Override
    public Path contextDirectory()
    {
        throw new UnsupportedOperationException("a cluster pool keeps no shared files on this host");
    }

    @Override
    public String toString()
    {
        return dispatcher.toString();
    }

    /**
     * @return the Hazelcast client this pool runs on.
     */
    HazelcastInstance client()
    {
        return client;
    }

    private int chunksFor(final int chunksize, final int length)
    {
        return 0 != chunksize ? chunksize : PoolSettings.defaultChunksize(length, dispatcher.workers());
    }

    /**
     * Seals and sends chunks the dispatcher handed to members; no lock is held.
     */
    private void send(final List<RemoteChunk.Assignment> assignments)
    {
        for (final RemoteChunk.Assignment assignment : assignments)
        {
            final PoolTask task = assignment.chunk().task;
            final byte[] sealed = Envelopes.task(key, poolId,
                assignment.carriesFunction() ? task.functionRecord() : null, task.record());
            try
            {
                final Future<byte[]> answer = executor.submitToMember(MemberCall.chunk(sealed),
                    assignment.slot().member);
                final Answer reader = new Answer(assignment);
                if (null != config.taskTimeout())
                {
                    reader.timer = timeouts.schedule(() -> answers.execute(() -> timedOut(assignment, answer)),
                        config.taskTimeout().toNanos(), TimeUnit.NANOSECONDS);
                }
                ((CompletionStage<byte[]>)answer).whenCompleteAsync(reader, answers);
            }
            catch (final RuntimeException ex)
            {
                new Answer(assignment).onFailure(ex);
            }
        }
    }

    /**
     * Fails a chunk still unanswered at its timeout, and interrupts its thread on the member.
     */
    private void timedOut(final RemoteChunk.Assignment assignment, final Future<byte[]> answer)
    {
        if (dispatcher.failed(assignment))
        {
            answer.cancel(true);
            assignment.chunk().task.job().fail(new TaskTimeoutException(assignment.chunk().task + " ran past its " +
                "timeout of " + config.taskTimeout().toMillis() + " ms on " + assignment.slot()));
            send(dispatcher.assign());
        }
    }

    /**
     * Retries or fails the chunks a member held, once, whichever of its membership event or a failed call says so
     * first.
     *
     * @return whether the member was still admitted.
     */
    private boolean lose(final UUID member)
    {
        final ChunkDispatcher.Departure departure = dispatcher.memberLeft(member, config.retries());
        if (null == departure)
        {
            return false;
        }
        for (final RemoteChunk chunk : departure.failed())
        {
            chunk.task.job().fail(new MemberLostException(departure.member() + " left the cluster" +
                (departure.membersLeft() ? " while it held " + chunk.task + ", after " + chunk.attempts +
                " attempt(s) of " + (config.retries() + 1) : "; no member of cluster '" + config.name() +
                "' is left to run " + chunk.task)));
        }
        send(dispatcher.assign());
        return true;
    }

    private void shutDown()
    {
        client.shutdown();
        answers.shutdown();
        timeouts.shutdownNow();
    }

    private void wakeWaiters()
    {
        synchronized (completions)
        {
            completions.notifyAll();
        }
    }

    /**
     * What a member answered for one chunk, on a Hazelcast client thread.
     */
    private final class Answer implements BiConsumer<byte[], Throwable>
    {
        private final RemoteChunk.Assignment assignment;
        /** The chunk's timeout, if it has one, cancelled when the answer comes. */
        private volatile ScheduledFuture<?> timer;

        Answer(final RemoteChunk.Assignment assignment)
        {
            this.assignment = assignment;
        }

        @Override
        public void accept(final byte[] sealed, final Throwable failure)
        {
            if (null != timer)
            {
                timer.cancel(false);
            }
            if (null == failure)
            {
                onResponse(sealed);
            }
            else
            {
                onFailure(failure instanceof CompletionException && null != failure.getCause() ?
                    failure.getCause() : failure);
            }
        }

        void onResponse(final byte[] sealed)
        {
            final PoolTask task = assignment.chunk().task;
            Object values;
            if (!key.verify(ClusterKey.RESULT, sealed) || !Envelopes.isOf(new UnsafeBuffer(sealed), poolId))
            {
                values = new SecurityException("refused a result from " + assignment.slot() + " whose code does not " +
                    "verify under the cluster's key");
            }
            else if (NO_FUNCTION == new UnsafeBuffer(sealed).getInt(STATUS_OFFSET))
            {
                dispatcher.resendWithFunction(assignment);
                send(dispatcher.assign());
                return;
            }
            else
            {
                try
                {
                    values = PoolValues.decode(new UnsafeBuffer(sealed), BODY_OFFSET + RESULT_VALUES_OFFSET,
                        sealed.length, codec);
                }
                catch (final RuntimeException ex)
                {
                    values = ex;
                }
            }
            if (dispatcher.answered(assignment))
            {
                if (values instanceof Throwable)
                {
                    task.job().fail((Throwable)values);
                }
                else
                {
                    task.job().complete(task, values);
                }
            }
            send(dispatcher.assign());
        }

        void onFailure(final Throwable failure)
        {
            if (failure instanceof com.hazelcast.core.MemberLeftException ||
                failure instanceof TargetNotMemberException || failure instanceof TargetDisconnectedException)
            {
                if (lose(assignment.slot().member.getUuid()))
                {
                    admissions.disconnected(assignment.slot().member);
                }
                return;
            }
            if (dispatcher.failed(assignment))
            {
                assignment.chunk().task.job().fail(failure);
            }
            send(dispatcher.assign());
        }
    }
}
