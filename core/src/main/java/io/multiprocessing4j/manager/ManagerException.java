package io.multiprocessing4j.manager;

import io.multiprocessing4j.MultiprocessingException;

/**
 * A manager cannot be reached: its process is gone, it refused this process's key, or it is not accepting
 * connections. Calls on its proxies throw it within a second of the manager's death.
 */
public class ManagerException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    public ManagerException(final String message)
    {
        super(message);
    }

    public ManagerException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    /**
     * A remote manager and this process do not share a key (Python's {@code AuthenticationError}).
     */
    public static final class AuthenticationFailed extends ManagerException
    {
        private static final long serialVersionUID = 1L;

        public AuthenticationFailed(final String message)
        {
            super(message);
        }
    }
}
