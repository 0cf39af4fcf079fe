package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.ShmException;

/**
 * A ring's shared state is impossible: its file was corrupted, or written by something that is not this
 * library. Thrown instead of reading out of bounds.
 */
public class CorruptRingException extends ShmException
{
    private static final long serialVersionUID = 1L;

    public CorruptRingException(final String message)
    {
        super(message);
    }

    public CorruptRingException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
