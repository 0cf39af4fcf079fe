package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.MissingClassException;
import io.multiprocessing4j.RemoteProcessException;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.internal.process.MissingClasses;
import io.multiprocessing4j.internal.process.SerializedFunctions;
import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ring.RingStatus;
import io.multiprocessing4j.shm.value.SharedDoubleArray;
import io.multiprocessing4j.shm.value.SharedIntArray;
import io.multiprocessing4j.shm.value.SharedLongArray;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.*;

/**
 * The loop a pool worker's JVM runs: read records from its {@link WorkerLink}, keep the functions it is sent,
 * apply each task's function to its arguments and send back a result record; until a STOP record, the
 * pool's death, or {@code maxTasks} tasks. Runs on one thread of the worker process.
 */
public final class PoolWorker
{
    private final WorkerLink link;
    private final Codec codec;
    private final IdlePolicy idlePolicy;
    private final Map<Integer, Object> functions = new HashMap<>();
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(256);
    private int type;
    private long taskId;
    private boolean withdrawn;
    private int functionId;
    private Object arguments;
    private RuntimeException unreadable;
    private SharedObject source;
    private String sourceHandle;
    private SharedObject target;
    private String targetHandle;

    private PoolWorker(final WorkerLink link, final String[] allowed)
    {
        this.link = link;
        this.codec = Codec.fory(ClassAllowList.defaults().with(allowed));
        this.idlePolicy = link.context().idlePolicy();
    }

    /**
     * @param allowed     class-name prefixes arguments and results may have besides the defaults.
     * @param initializer the encoded initializer ({@code SerializedFunctions}), or {@code null}.
     * @param maxTasks    tasks to run before ending; 0 for no limit.
     */
    public static void run(final WorkerLink link, final String[] allowed, final byte[] initializer, final int maxTasks)
        throws Exception
    {
        if (null != initializer)
        {
            final ProcessTarget decoded;
            try
            {
                decoded = (ProcessTarget)SerializedFunctions.decode(initializer);
            }
            catch (final RuntimeException ex)
            {
                throw MissingClasses.explain(ex);
            }
            decoded.run();
        }
        new PoolWorker(link, allowed).loop(maxTasks);
    }

    private void loop(final int maxTasks) throws InterruptedException
    {
        link.ready();
        try
        {
            for (int done = 0; 0 == maxTasks || done < maxTasks; )
            {
                if (RingStatus.PEER_GONE == link.tasks().receive(this::onRecord, Long.MAX_VALUE, idlePolicy))
                {
                    return;
                }
                if (STOP == type)
                {
                    return;
                }
                if (TASK == type && withdrawn)
                {
                    if (!sendWithdrawn())
                    {
                        return;
                    }
                }
                else if (TASK == type)
                {
                    if (!sendResult())
                    {
                        return;
                    }
                    done++;
                }
            }
        }
        finally
        {
            closeArrays();
        }
    }

    private void onRecord(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        this.type = type;
        unreadable = null;
        switch (type)
        {
            case FUNCTION:
                try
                {
                    final byte[] encoded = new byte[length - FUNCTION_BYTES_OFFSET];
                    buffer.getBytes(index + FUNCTION_BYTES_OFFSET, encoded);
                    functions.put(buffer.getInt(index + FUNCTION_ID_OFFSET), SerializedFunctions.decode(encoded));
                }
                catch (final RuntimeException ex)
                {
                    functions.put(buffer.getInt(index + FUNCTION_ID_OFFSET), MissingClasses.explain(ex));
                }
                break;
            case TASK:
                taskId = buffer.getLong(index + TASK_ID_OFFSET);
                withdrawn = link.isWithdrawn(taskId);
                if (withdrawn)
                {
                    break;
                }
                link.taskStarted(taskId);
                functionId = buffer.getInt(index + TASK_FUNCTION_OFFSET);
                try
                {
                    arguments = PoolValues.decode(buffer, index + TASK_VALUES_OFFSET, index + length, codec);
                }
                catch (final RuntimeException ex)
                {
                    unreadable = MissingClasses.explain(ex);
                }
                break;
            case STOP:
                break;
            default:
                throw new IllegalStateException("corrupt pool record: type " + type);
        }
    }

    /**
     * @return whether the pool is still there to receive it.
     */
    private boolean sendResult() throws InterruptedException
    {
        final long start = System.nanoTime();
        out.putLong(RESULT_TASK_ID_OFFSET, taskId);
        int end;
        try
        {
            end = encodeResults();
        }
        catch (final Exception | StackOverflowError ex)
        {
            end = encodeFailure(ex);
        }
        arguments = null;
        out.putLong(RESULT_RUN_NANOS_OFFSET, System.nanoTime() - start);
        if (RingStatus.DONE != link.results().send(RESULT, out, 0, end, idlePolicy))
        {
            return false;
        }
        link.taskCompleted();
        return true;
    }

    /**
     * Answers a task the pool withdrew before this worker began it (its job failed or was cancelled) with an
     * empty result that ran for no time, which the pool drops.
     *
     * @return whether the pool is still there to receive it.
     */
    private boolean sendWithdrawn() throws InterruptedException
    {
        out.putLong(RESULT_TASK_ID_OFFSET, taskId);
        out.putLong(RESULT_RUN_NANOS_OFFSET, 0);
        final int end = PoolValues.encode(List.of(), out, RESULT_VALUES_OFFSET, codec);
        if (RingStatus.DONE != link.results().send(RESULT, out, 0, end, idlePolicy))
        {
            return false;
        }
        link.taskCompleted();
        return true;
    }

    private int encodeResults() throws Exception
    {
        if (null != unreadable)
        {
            throw unreadable;
        }
        final Object function = functions.get(functionId);
        if (function instanceof MissingClassException)
        {
            throw (MissingClassException)function;
        }
        if (function instanceof RuntimeException)
        {
            throw new IllegalStateException("the task's function could not be read in this worker: " + function,
                (RuntimeException)function);
        }
        if (null == function)
        {
            throw new IllegalStateException("corrupt pool record: unknown function " + functionId);
        }
        if (arguments instanceof PoolValues.Slice)
        {
            final PoolValues.Slice slice = (PoolValues.Slice)arguments;
            final Object results = ChunkApplier.apply(function, read(slice));
            if (!slice.target.isEmpty())
            {
                write(slice, results);
                return PoolValues.encodeWritten(slice.count, out, RESULT_VALUES_OFFSET);
            }
            return encode(results);
        }
        return encode(ChunkApplier.apply(function, arguments));
    }

    private int encode(final Object results)
    {
        try
        {
            return results instanceof List ?
                PoolValues.encode((List<?>)results, out, RESULT_VALUES_OFFSET, codec) :
                PoolValues.encodePrimitives(results, out, RESULT_VALUES_OFFSET);
        }
        catch (final CodecException ex)
        {
            throw new CodecException("the task's result cannot be sent back: " + ex.getMessage(), ex);
        }
    }

    private int encodeFailure(final Throwable failure)
    {
        link.context().recordError(failure);
        try
        {
            return PoolValues.encodeFailure(failure, out, RESULT_VALUES_OFFSET, codec);
        }
        catch (final CodecException ex)
        {
            return PoolValues.encodeFailure(RemoteProcessException.of(failure), out, RESULT_VALUES_OFFSET, codec);
        }
    }

    private Object read(final PoolValues.Slice slice)
    {
        if (!slice.source.equals(sourceHandle))
        {
            closeArrays();
            source = SharedObject.attach(SharedHandle.parse(slice.source));
            sourceHandle = slice.source;
        }
        switch (slice.elementKind)
        {
            case INTS:
            {
                final int[] values = new int[slice.count];
                ((SharedIntArray)source).copyTo(slice.from, values, 0, slice.count);
                return values;
            }
            case LONGS:
            {
                final long[] values = new long[slice.count];
                ((SharedLongArray)source).copyTo(slice.from, values, 0, slice.count);
                return values;
            }
            default:
            {
                final double[] values = new double[slice.count];
                ((SharedDoubleArray)source).copyTo(slice.from, values, 0, slice.count);
                return values;
            }
        }
    }

    private void write(final PoolValues.Slice slice, final Object results)
    {
        if (!slice.target.equals(targetHandle))
        {
            if (null != target)
            {
                target.close();
            }
            target = SharedObject.attach(SharedHandle.parse(slice.target));
            targetHandle = slice.target;
        }
        if (results instanceof int[])
        {
            ((SharedIntArray)target).copyFrom((int[])results, 0, slice.from, slice.count);
        }
        else if (results instanceof long[])
        {
            ((SharedLongArray)target).copyFrom((long[])results, 0, slice.from, slice.count);
        }
        else
        {
            ((SharedDoubleArray)target).copyFrom((double[])results, 0, slice.from, slice.count);
        }
    }

    private void closeArrays()
    {
        if (null != source)
        {
            source.close();
            source = null;
            sourceHandle = null;
        }
        if (null != target)
        {
            target.close();
            target = null;
            targetHandle = null;
        }
    }
}
