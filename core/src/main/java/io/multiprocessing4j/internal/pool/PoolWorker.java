package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.RemoteProcessException;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.internal.process.SerializedFunctions;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.value.SharedByteArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop a pool worker's JVM runs: take a task from its own queue, apply the function (read once from its
 * file and kept), put the results on the pool's result queue; until a stop task, or {@code maxTasks} tasks.
 * Runs in the worker process; stateless between calls.
 */
public final class PoolWorker
{
    private PoolWorker()
    {
    }

    /**
     * @param initializer the encoded initializer ({@code SerializedFunctions}), or {@code null}.
     */
    public static void run(final SharedQueue<Object> tasks, final SharedQueue<Object> results,
        final byte[] initializer, final int maxTasks) throws Exception
    {
        if (null != initializer)
        {
            ((ProcessTarget)SerializedFunctions.decode(initializer)).run();
        }
        final Map<Integer, PoolFunction<Object, Object>> functions = new HashMap<>();
        for (int done = 0; 0 == maxTasks || done < maxTasks; done++)
        {
            final PoolTask task = (PoolTask)tasks.take();
            if (PoolTask.STOP == task.id)
            {
                return;
            }
            PoolResult result;
            try
            {
                final PoolFunction<Object, Object> function = functions.computeIfAbsent(task.functionId,
                    id -> load(task.functionHandle));
                final List<Object> arguments = task.arguments();
                final List<Object> values = new ArrayList<>(arguments.size());
                for (final Object argument : arguments)
                {
                    values.add(function.apply(argument));
                }
                result = new PoolResult(task.id, values, null);
            }
            catch (final Exception | StackOverflowError ex)
            {
                result = new PoolResult(task.id, null, ex);
            }
            send(results, result);
        }
    }

    /**
     * Puts a result; one that cannot be encoded (a value or exception of a class the codec refuses) goes as
     * a failure that names why.
     */
    private static void send(final SharedQueue<Object> results, final PoolResult result) throws InterruptedException
    {
        try
        {
            results.put(result);
        }
        catch (final CodecException ex)
        {
            final Throwable failure = null == result.failure ?
                new CodecException("the task's result cannot be sent back: " + ex.getMessage(), ex) :
                RemoteProcessException.of(result.failure);
            results.put(new PoolResult(result.taskId, null, RemoteProcessException.of(failure)));
        }
    }

    @SuppressWarnings("unchecked")
    private static PoolFunction<Object, Object> load(final String handle)
    {
        try (SharedByteArray file = SharedByteArray.attach(SharedHandle.parse(handle)))
        {
            return (PoolFunction<Object, Object>)SerializedFunctions.decode(file.toArray());
        }
    }
}
