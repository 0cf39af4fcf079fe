package io.multiprocessing4j;

/**
 * A child JVM could not be started, or exited or timed out before it was ready. The message carries the
 * command's failure and the tail of the child's standard error when there is one.
 */
public class ProcessStartException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    public ProcessStartException(final String message)
    {
        super(message);
    }

    public ProcessStartException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
