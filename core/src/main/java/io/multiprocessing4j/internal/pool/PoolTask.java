package io.multiprocessing4j.internal.pool;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of a pool's work on its way to a worker: a chunk of arguments for one function, named by the
 * id the pool gave it and the file its encoding is in. A task with {@link #STOP} as its id ends the worker.
 */
public final class PoolTask implements Serializable
{
    public static final long STOP = -1;
    private static final long serialVersionUID = 1L;

    final long id;
    final int functionId;
    final String functionHandle;
    final Object arguments;

    /**
     * @param arguments the chunk, sent packed ({@link PoolValues}).
     */
    public PoolTask(final long id, final int functionId, final String functionHandle, final List<Object> arguments)
    {
        this.id = id;
        this.functionId = functionId;
        this.functionHandle = functionHandle;
        this.arguments = PoolValues.pack(arguments);
    }

    public static PoolTask stop()
    {
        return new PoolTask(STOP, 0, "", List.of());
    }

    public List<Object> arguments()
    {
        return PoolValues.unpack(arguments);
    }
}
