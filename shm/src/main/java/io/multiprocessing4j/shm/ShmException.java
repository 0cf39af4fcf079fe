package io.multiprocessing4j.shm;

/**
 * Root of the unchecked exceptions thrown by the shared-memory layer.
 */
public class ShmException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ShmException(final String message)
    {
        super(message);
    }

    public ShmException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
