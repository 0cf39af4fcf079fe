package io.multiprocessing4j.shm;

import java.nio.file.Path;

/**
 * The file system behind the context directory (normally the /dev/shm tmpfs) has no room for a new
 * region. Thrown when the region is created, never later as a SIGBUS; nothing is left behind.
 */
public final class SharedMemoryExhaustedException extends ShmException
{
    private static final long serialVersionUID = 1L;

    private final long requestedBytes;
    private final long availableBytes;

    SharedMemoryExhaustedException(
        final Path path, final long requestedBytes, final long availableBytes, final Throwable cause)
    {
        super("no space for " + requestedBytes + " bytes at " + path + ": " + availableBytes +
            " bytes available on its file system (for /dev/shm, raise the tmpfs size, e.g. docker --shm-size)",
            cause);
        this.requestedBytes = requestedBytes;
        this.availableBytes = availableBytes;
    }

    public long requestedBytes()
    {
        return requestedBytes;
    }

    public long availableBytes()
    {
        return availableBytes;
    }
}
