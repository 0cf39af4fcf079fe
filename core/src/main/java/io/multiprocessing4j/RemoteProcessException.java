package io.multiprocessing4j;

/**
 * Stands in for an exception thrown in another JVM whose object could not be sent back as it was (its
 * class or one of its fields is not serializable there, or not loadable here): it keeps the remote class
 * name, the message and the remote stack trace, and the same for each cause.
 */
public class RemoteProcessException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    public RemoteProcessException(final String remoteClassName, final String message, final Throwable cause)
    {
        super(remoteClassName + (null == message ? "" : ": " + message), cause);
        this.remoteClassName = remoteClassName;
    }

    /**
     * @return the fully qualified class name of the exception thrown in the other JVM.
     */
    public String remoteClassName()
    {
        return remoteClassName;
    }

    /**
     * Copies {@code throwable} and its causes into this form, keeping class names, messages and stack traces.
     *
     * @param throwable what was thrown.
     * @return the copy.
     */
    public static RemoteProcessException of(final Throwable throwable)
    {
        final Throwable cause = throwable.getCause();
        final RemoteProcessException copy = new RemoteProcessException(
            throwable.getClass().getName(), throwable.getMessage(),
            null == cause || cause == throwable ? null : of(cause));
        copy.setStackTrace(throwable.getStackTrace());
        return copy;
    }
}
