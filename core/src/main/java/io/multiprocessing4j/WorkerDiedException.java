package io.multiprocessing4j;

/**
 * A pool task failed because the worker running it died (killed, crashed, or exited), naming the worker's
 * pid and exit status. The pool replaced the worker and goes on.
 */
public class WorkerDiedException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    public WorkerDiedException(final String message)
    {
        super(message);
    }
}
