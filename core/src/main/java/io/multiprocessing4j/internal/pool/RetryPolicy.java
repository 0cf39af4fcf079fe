package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;

import java.time.Duration;

/**
 * What happens to a task whose worker ended: one the worker had not begun, and all of a worker that retired
 * normally (at {@code maxTasksPerChild}), go to another worker; the one it was running fails with
 * {@link TaskTimeoutException} if it ran too long, else is given to another worker while the retry budget
 * lasts, else fails with {@link WorkerDiedException} naming the worker. Stateless apart from the settings;
 * called under the {@link TaskDispatcher}'s lock, which guards the task's attempt count.
 */
final class RetryPolicy
{
    private final int retries;
    private final long taskTimeoutNanos;

    /**
     * @param retries          how many times a task whose worker died is given to another worker.
     * @param taskTimeoutNanos the task timeout, to name in its exception; 0 if none.
     */
    RetryPolicy(final int retries, final long taskTimeoutNanos)
    {
        this.retries = retries;
        this.taskTimeoutNanos = taskTimeoutNanos;
    }

    /**
     * @param running whether the worker had begun the task.
     * @return {@code null} to give the task to another worker, or what fails it.
     */
    Throwable onWorkerEnd(final PoolTask task, final boolean running, final WorkerEnd end)
    {
        if (running && task.timedOut)
        {
            return new TaskTimeoutException("the task ran longer than " + Duration.ofNanos(taskTimeoutNanos) + " in " +
                end.who() + ", which was killed");
        }
        if (!running || end.retired() || task.attempts++ < retries)
        {
            return null;
        }
        return new WorkerDiedException(end.who() + " ended with exit code " + end.exitCode() +
            " while it held this task");
    }

    /**
     * How a worker ended.
     *
     * @param who      e.g. "PoolWorker-3 (pid 1234)".
     * @param exitCode its exit code, -1 if unknown.
     * @param retired  whether it ended normally, as asked.
     */
    record WorkerEnd(String who, int exitCode, boolean retired)
    {
    }
}
