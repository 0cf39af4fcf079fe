package io.multiprocessing4j;

/**
 * A pool task ran longer than the pool's {@link Pool.Builder#taskTimeout task timeout}: the pool killed the
 * worker running it (naming its pid here), failed the task, and started a new worker.
 */
public class TaskTimeoutException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    public TaskTimeoutException(final String message)
    {
        super(message);
    }
}
