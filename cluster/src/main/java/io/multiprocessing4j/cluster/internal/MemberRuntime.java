package io.multiprocessing4j.cluster.internal;

import io.multiprocessing4j.RemoteProcessException;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.internal.pool.ChunkApplier;
import io.multiprocessing4j.internal.pool.PoolValues;
import io.multiprocessing4j.internal.process.MissingClasses;
import io.multiprocessing4j.internal.process.SerializedFunctions;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.BODY_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.CHALLENGE_LENGTH;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.DONE;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.FUNCTION_LENGTH_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.NO_FUNCTION;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.POOL_ID_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FUNCTION_BYTES_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_RUN_NANOS_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_TASK_ID_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_VALUES_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_FUNCTION_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_ID_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_VALUES_OFFSET;

/**
 * A member's side of the cluster pool: checks each task's code under the key before it reads anything else,
 * keeps each pool's functions (decoded once, named by id afterwards), runs a chunk on the calling executor
 * thread and seals its result; and answers the driver's key challenge. Thread-safe: tasks run on many threads.
 */
public final class MemberRuntime
{
    /** Where a member's Hazelcast user context holds its runtime. */
    public static final String CONTEXT_KEY = MemberRuntime.class.getName();
    /** Functions kept at most; a member that serves many pools forgets them all and is sent them again. */
    private static final int MAX_FUNCTIONS = 4096;

    private final ClusterKey key;
    private final Codec codec;
    private final int workers;
    private final Map<FunctionKey, Object> functions = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    /** The local pool a member's chunks run in when it was started isolated; else {@code null}. */
    private final IsolatedChunks isolated;

    /**
     * @param isolated whether chunks run in a local pool of {@code workers} child JVMs instead of in this one.
     */
    public MemberRuntime(final ClusterKey key, final Codec codec, final int workers, final boolean isolated,
        final String[] allowed)
    {
        this.key = key;
        this.codec = codec;
        this.workers = workers;
        this.isolated = isolated ? new IsolatedChunks(workers, allowed) : null;
    }

    /**
     * Runs a sealed task.
     *
     * @return its sealed result.
     * @throws SecurityException if the task's code does not verify under the key; nothing of it is read.
     */
    public byte[] run(final byte[] task)
    {
        if (!key.verify(ClusterKey.TASK, task))
        {
            refused.incrementAndGet();
            throw new SecurityException("refused a task whose code does not verify under this member's cluster " +
                "key: it was sent by a process holding another key, or altered on the way");
        }
        final UnsafeBuffer in = new UnsafeBuffer(task);
        final long poolMost = in.getLong(POOL_ID_OFFSET);
        final long poolLeast = in.getLong(POOL_ID_OFFSET + Long.BYTES);
        final int functionLength = in.getInt(FUNCTION_LENGTH_OFFSET);
        final int taskAt = BODY_OFFSET + functionLength;
        if (functionLength < 0 || taskAt > task.length - TASK_VALUES_OFFSET)
        {
            throw new IllegalStateException("corrupt cluster task: function record of " + functionLength +
                " bytes in " + task.length);
        }
        final FunctionKey name = new FunctionKey(poolMost, poolLeast, in.getInt(taskAt + TASK_FUNCTION_OFFSET));
        final Object function = 0 == functionLength ? functions.get(name) : keep(name, in, functionLength);
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(BODY_OFFSET + 256);
        if (null == function)
        {
            return Envelopes.result(key, poolMost, poolLeast, NO_FUNCTION, out, 0);
        }
        final long start = System.nanoTime();
        out.putLong(BODY_OFFSET + RESULT_TASK_ID_OFFSET, in.getLong(taskAt + TASK_ID_OFFSET));
        int end;
        try
        {
            if (function instanceof RuntimeException)
            {
                throw (RuntimeException)function;
            }
            final Object arguments = PoolValues.decode(in, taskAt + TASK_VALUES_OFFSET, task.length, codec);
            end = encode(null == isolated ? ChunkApplier.apply(function, arguments) :
                isolated.apply(function, arguments), out);
        }
        catch (final Exception | StackOverflowError ex)
        {
            end = encodeFailure(MissingClasses.explain(ex), out);
        }
        out.putLong(BODY_OFFSET + RESULT_RUN_NANOS_OFFSET, System.nanoTime() - start);
        return Envelopes.result(key, poolMost, poolLeast, DONE, out, end);
    }

    /**
     * @return the sealed proof that this member holds the key, for {@code challenge}.
     */
    public byte[] prove(final byte[] challenge, final UUID member)
    {
        if (null == challenge || CHALLENGE_LENGTH != challenge.length)
        {
            throw new IllegalArgumentException("a key challenge is " + CHALLENGE_LENGTH + " random bytes");
        }
        return Envelopes.proof(key, challenge, ProcessHandle.current().pid(), workers, member);
    }

    /**
     * Stops the local pool of an isolated member.
     */
    public void close()
    {
        if (null != isolated)
        {
            isolated.close();
        }
    }

    /**
     * @return how many tasks this member has refused for a code that did not verify.
     */
    public long refusedTasks()
    {
        return refused.get();
    }

    private Object keep(final FunctionKey name, final UnsafeBuffer in, final int functionLength)
    {
        final Object known = functions.get(name);
        if (null != known)
        {
            return known;
        }
        Object function;
        try
        {
            final byte[] encoded = new byte[functionLength - FUNCTION_BYTES_OFFSET];
            in.getBytes(BODY_OFFSET + FUNCTION_BYTES_OFFSET, encoded);
            function = SerializedFunctions.decode(encoded);
        }
        catch (final RuntimeException ex)
        {
            function = MissingClasses.explain(ex);
        }
        if (functions.size() >= MAX_FUNCTIONS)
        {
            functions.clear();
        }
        functions.put(name, function);
        return function;
    }

    private int encode(final Object results, final ExpandableArrayBuffer out)
    {
        try
        {
            return results instanceof List ?
                PoolValues.encode((List<?>)results, out, BODY_OFFSET + RESULT_VALUES_OFFSET, codec) :
                PoolValues.encodePrimitives(results, out, BODY_OFFSET + RESULT_VALUES_OFFSET);
        }
        catch (final CodecException ex)
        {
            throw new CodecException("the task's result cannot be sent back: " + ex.getMessage(), ex);
        }
    }

    private int encodeFailure(final Throwable failure, final ExpandableArrayBuffer out)
    {
        try
        {
            return PoolValues.encodeFailure(failure, out, BODY_OFFSET + RESULT_VALUES_OFFSET, codec);
        }
        catch (final CodecException ex)
        {
            return PoolValues.encodeFailure(RemoteProcessException.of(failure), out,
                BODY_OFFSET + RESULT_VALUES_OFFSET, codec);
        }
    }

    /**
     * A function of one pool, by the id the pool gave it.
     */
    private record FunctionKey(long poolMost, long poolLeast, int id)
    {
    }
}
