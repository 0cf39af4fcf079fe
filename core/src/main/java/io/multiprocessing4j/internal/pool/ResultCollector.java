package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.ring.MessageHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_RUN_NANOS_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_TASK_ID_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RESULT_VALUES_OFFSET;

/**
 * Reads the workers' results and exits, as an Agrona {@link Agent}: one duty cycle ({@link #doWork}) reads every
 * result waiting, has ended workers replaced and overdue ones killed. Its own thread runs the cycle while no
 * caller waits for a result; a caller waiting in {@code get} runs it itself instead ({@link #awaitDone}, as an
 * {@code AgentInvoker} would), so its result reaches it with no thread hand-off. One cycle runs at a time, under
 * the {@code collecting} lock, its only lock. The thread sleeps once the pool has had nothing to do for a while.
 * Thread-safe.
 */
final class ResultCollector implements Agent, ResultWaiter
{
    private static final Logger LOG = LoggerFactory.getLogger(ResultCollector.class);
    private static final long NAP_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SLEEP_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STOP_WAIT_MS = 10_000;

    private final ShmContext shm;
    private final TaskDispatcher dispatcher;
    private final TaskSender sender;
    private final Codec codec;
    private final long taskTimeoutNanos;
    private final ReentrantLock collecting = new ReentrantLock();
    private final AtomicInteger waiters = new AtomicInteger();
    private final ConcurrentLinkedQueue<WorkerSlot> exited = new ConcurrentLinkedQueue<>();
    private final MessageHandler reader = this::onResult;
    private WorkerSupervisor supervisor;
    private volatile Thread thread;
    private volatile boolean asleep;
    private volatile boolean closing;
    private long resultTaskId;
    private long resultRunNanos;
    private Object resultValues;

    ResultCollector(final ShmContext shm, final TaskDispatcher dispatcher, final TaskSender sender, final Codec codec,
        final long taskTimeoutNanos)
    {
        this.shm = shm;
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.codec = codec;
        this.taskTimeoutNanos = taskTimeoutNanos;
    }

    /**
     * Starts the result thread.
     *
     * @param supervisor replaces the workers that end.
     */
    void start(final WorkerSupervisor supervisor)
    {
        this.supervisor = supervisor;
        final AgentRunner runner = new AgentRunner(new Idle(shm.idlePolicy().newIdleStrategy()), this::onError, null,
            this);
        thread = AgentRunner.startOnThread(runner, task ->
        {
            final Thread t = new Thread(task, roleName());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A worker's JVM ended: its last results are read and it is replaced on the next cycle.
     */
    void onWorkerExit(final WorkerSlot slot)
    {
        exited.add(slot);
        wake();
    }

    /**
     * Wakes the result thread if it sleeps: tasks were submitted or a worker changed.
     */
    void wake()
    {
        if (asleep)
        {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public String roleName()
    {
        return "mp4j-pool-results";
    }

    /**
     * The result thread's cycle: it leaves the results to any caller waiting for one.
     */
    @Override
    public int doWork()
    {
        if (closing)
        {
            throw new AgentTerminationException("the pool is shutting down");
        }
        if (0 == waiters.get() && collecting.tryLock())
        {
            try
            {
                return drain();
            }
            finally
            {
                collecting.unlock();
            }
        }
        return 0;
    }

    /**
     * Waits until {@code done} holds, running the cycle meanwhile whenever no other thread is.
     */
    @Override
    public boolean awaitDone(final BooleanSupplier done, final long timeoutNanos) throws InterruptedException
    {
        if (done.getAsBoolean())
        {
            return true;
        }
        final long start = System.nanoTime();
        final IdleStrategy idle = shm.isClosed() ? null : shm.idlePolicy().newIdleStrategy();
        waiters.incrementAndGet();
        try
        {
            while (!done.getAsBoolean())
            {
                if (Thread.interrupted())
                {
                    throw new InterruptedException("interrupted while waiting for a pool result");
                }
                if (Long.MAX_VALUE != timeoutNanos && System.nanoTime() - start >= timeoutNanos)
                {
                    return false;
                }
                int work = 0;
                if (collecting.tryLock())
                {
                    try
                    {
                        work = drain();
                    }
                    finally
                    {
                        collecting.unlock();
                    }
                }
                final long nap = null == idle ? NAP_NS : 0 == work ? dispatcher.napBeforeNextResult() : 0;
                if (0 != nap)
                {
                    LockSupport.parkNanos(Math.min(nap, timeoutNanos - (System.nanoTime() - start)));
                    if (null != idle)
                    {
                        idle.reset();
                    }
                }
                else
                {
                    idle.idle(work);
                }
            }
            return true;
        }
        finally
        {
            waiters.decrementAndGet();
        }
    }

    /**
     * Stops the result thread (waiting up to {@value #STOP_WAIT_MS} ms for it: a callback it runs may be slow),
     * then runs {@code action} while no cycle can run.
     */
    void stop(final Runnable action) throws InterruptedException
    {
        closing = true; // its next cycle ends the runner's loop
        if (null != thread && Thread.currentThread() != thread) // on its own thread (a callback), it ends after
        {
            LockSupport.unpark(thread);
            thread.join(STOP_WAIT_MS);
        }
        collecting.lock();
        try
        {
            action.run();
        }
        finally
        {
            collecting.unlock();
        }
    }

    /**
     * One cycle. Only the holder of {@link #collecting} calls it.
     *
     * @return how many results and exits it handled.
     */
    private int drain()
    {
        if (shm.isClosed())
        {
            return 0;
        }
        int work = 0;
        for (int i = 0, n = dispatcher.workers(); i < n; i++)
        {
            final WorkerSlot slot = dispatcher.slot(i);
            if (null != slot)
            {
                work += drainResults(slot);
            }
        }
        WorkerSlot gone;
        while (null != (gone = exited.poll()))
        {
            drainResults(gone);
            supervisor.replace(gone);
            work++;
        }
        if (0 != taskTimeoutNanos)
        {
            supervisor.killOverdue(taskTimeoutNanos);
        }
        return work;
    }

    private int drainResults(final WorkerSlot slot)
    {
        int work = 0;
        while (!slot.link.isClosed() && slot.link.results().poll(reader))
        {
            complete(slot, resultTaskId, resultRunNanos, resultValues);
            work++;
        }
        return work;
    }

    private void onResult(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        resultTaskId = buffer.getLong(index + RESULT_TASK_ID_OFFSET);
        resultRunNanos = buffer.getLong(index + RESULT_RUN_NANOS_OFFSET);
        try
        {
            resultValues = PoolValues.decode(buffer, index + RESULT_VALUES_OFFSET, index + length, codec);
        }
        catch (final RuntimeException ex)
        {
            resultValues = ex;
        }
    }

    /**
     * @param runNanos how long the task ran, timed in the worker: timed here, it would also count how late this JVM
     *                 read the result, and a waiter that napped would keep finding tasks long enough to nap for.
     */
    private void complete(final WorkerSlot slot, final long taskId, final long runNanos, final Object values)
    {
        final PoolTask task = dispatcher.complete(slot, taskId, runNanos);
        sender.flush();
        if (null != task)
        {
            if (values instanceof Throwable)
            {
                task.job.fail((Throwable)values);
            }
            else
            {
                task.job.complete(task, values);
            }
        }
    }

    private boolean isQuiet()
    {
        return dispatcher.isIdle() && exited.isEmpty();
    }

    private void onError(final Throwable failure)
    {
        if (!shm.isClosed() && !(failure instanceof AgentTerminationException))
        {
            LOG.warn("pool result thread: {}", failure.toString());
        }
    }

    /**
     * The result thread's idling: a short nap while a caller runs the cycle, sleep once the pool has been quiet
     * for {@value #SLEEP_AFTER_NS} ns (until {@link #wake}), else the pool's idle strategy.
     */
    private final class Idle implements IdleStrategy
    {
        private final IdleStrategy busy;
        private long quietSince = System.nanoTime();

        Idle(final IdleStrategy busy)
        {
            this.busy = busy;
        }

        @Override
        public void idle(final int work)
        {
            if (closing)
            {
                return;
            }
            final boolean waited = 0 != waiters.get();
            if (work > 0 || waited)
            {
                quietSince = System.nanoTime();
            }
            if (waited)
            {
                LockSupport.parkNanos(this, NAP_NS);
            }
            else if (System.nanoTime() - quietSince > SLEEP_AFTER_NS && isQuiet())
            {
                asleep = true;
                if (isQuiet() && !closing)
                {
                    LockSupport.park(this);
                }
                asleep = false;
                quietSince = System.nanoTime();
            }
            else
            {
                busy.idle(work);
            }
        }

        @Override
        public void idle()
        {
            busy.idle();
        }

        @Override
        public void reset()
        {
            busy.reset();
        }
    }
}
