package io.multiprocessing4j.shm;

/**
 * A shared file mapped in this JVM has shrunk under its mapping (another process truncated it), so the region
 * is unusable: this JVM no longer touches it, and has grown the file back to its mapped length so that no
 * process faults on the pages that were cut off (they now read as zeros). Its content is lost.
 */
public class SharedMemoryFaultException extends ShmException
{
    private static final long serialVersionUID = 1L;

    public SharedMemoryFaultException(final String message)
    {
        super(message);
    }

    public SharedMemoryFaultException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
