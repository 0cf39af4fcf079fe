package io.multiprocessing4j;

/**
 * A message could not be sent because the other end of the pipe was closed, or the process holding it died.
 */
public class BrokenPipeException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    public BrokenPipeException(final String message)
    {
        super(message);
    }
}
