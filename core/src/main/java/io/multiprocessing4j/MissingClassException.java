package io.multiprocessing4j;

/**
 * A child JVM could not find a class it needed to run its target, a pool function or its arguments: the message
 * names the class, the class path (and module path) the child was given, and what to do. Its cause is what the
 * child's class loading threw.
 */
public class MissingClassException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    public MissingClassException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
