package io.multiprocessing4j.internal.pool;

import java.io.Serializable;
import java.util.List;

/**
 * A task's outcome on its way back from a worker: the results of its arguments, in order, or the exception
 * its function threw (as sent, or as a {@code RemoteProcessException} when it could not be).
 */
public final class PoolResult implements Serializable
{
    private static final long serialVersionUID = 1L;

    final long taskId;
    final Object values;
    final Throwable failure;

    PoolResult(final long taskId, final List<Object> values, final Throwable failure)
    {
        this.taskId = taskId;
        this.values = null == values ? null : PoolValues.pack(values);
        this.failure = failure;
    }

    public long taskId()
    {
        return taskId;
    }

    public List<Object> values()
    {
        return PoolValues.unpack(values);
    }

    /**
     * @return what the function threw, or {@code null} if it returned.
     */
    public Throwable failure()
    {
        return failure;
    }
}
