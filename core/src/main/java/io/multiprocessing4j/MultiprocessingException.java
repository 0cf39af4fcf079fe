package io.multiprocessing4j;

/**
 * Root of the unchecked exceptions thrown by multiprocessing4j's process, channel and pool API
 * (the shared-memory layer's own root is {@link io.multiprocessing4j.shm.ShmException}).
 */
public class MultiprocessingException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public MultiprocessingException(final String message)
    {
        super(message);
    }

    public MultiprocessingException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
