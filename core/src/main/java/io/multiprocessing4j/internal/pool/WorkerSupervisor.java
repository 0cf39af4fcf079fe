package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.WorkerDiedException;
import io.multiprocessing4j.internal.jfr.PoolWorkerReplacedEvent;
import io.multiprocessing4j.shm.ShmContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.multiprocessing4j.internal.pool.PoolSettings.MAX_RECORD;
import static io.multiprocessing4j.internal.pool.PoolSettings.RING_CAPACITY;

/**
 * Starts a pool's workers, replaces those that end, and kills those past the task timeout. A JVM starts on a
 * thread of its own and takes its slot once it says it is ready, so no lock is held and no result waits while
 * a JVM starts; workers start in parallel. Its one lock guards the count of starts under way, which
 * {@link #awaitStarts} waits on so that no worker is left running after the pool.
 * <p>
 * A pool whose workers cannot start is broken, not respawned for ever (as Python's {@code Pool} does when its
 * initializer raises): once {@value #MAX_FAILED_STARTS} starts in a row have failed (a worker ended before it was
 * ready, from a failing initializer, a class missing from the child's class path or a bad JVM option; or it could
 * not be launched, or was not ready in time), no replacement starts, the waiting tasks fail with the last failure,
 * and new tasks are refused with it. Thread-safe.
 */
final class WorkerSupervisor
{
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSupervisor.class);
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long READY_POLL_NS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    static final int MAX_FAILED_STARTS = 3;

    private final PoolSettings settings;
    private final ShmContext shm;
    private final TaskDispatcher dispatcher;
    private final TaskSender sender;
    private final ResultCollector collector;
    private final RetryPolicy policy;
    private final Object lock = new Object();
    /** Workers being started and not yet installed or stopped. */
    private int starting;
    private boolean ended;
    private int nextWorkerNumber;
    /** Starts in a row that failed; any start that succeeds resets it. */
    private int failedStarts;

    WorkerSupervisor(final PoolSettings settings, final ShmContext shm, final TaskDispatcher dispatcher,
        final TaskSender sender, final ResultCollector collector)
    {
        this.settings = settings;
        this.shm = shm;
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.collector = collector;
        this.policy = new RetryPolicy(settings.retries(), settings.taskTimeoutNanos());
    }

    /**
     * Starts the first worker and returns once it is ready for tasks; the others start meanwhile on threads of
     * their own and take tasks as each becomes ready. Started together they would compete for the cores and all
     * be ready late; this way the first task runs after one worker's start-up.
     *
     * @throws RuntimeException what stopped the first worker from starting; its link is closed, the others' too.
     */
    void startAll()
    {
        for (int i = 0; i < settings.processes(); i++)
        {
            dispatcher.place(newSlot(i));
        }
        try
        {
            startAsync(dispatcher.slot(0)).join();
        }
        catch (final CompletionException ex)
        {
            for (int i = 0; i < settings.processes(); i++)
            {
                dispatcher.slot(i).link.close();
            }
            throw ex.getCause() instanceof RuntimeException ? (RuntimeException)ex.getCause() : ex;
        }
        dispatcher.install(dispatcher.slot(0));
        synchronized (lock)
        {
            starting += settings.processes() - 1;
        }
        for (int i = 1; i < settings.processes(); i++)
        {
            final WorkerSlot slot = dispatcher.slot(i);
            startAsync(slot).whenComplete((started, failure) -> install(slot, failure));
        }
    }

    /**
     * A worker ended: the dispatcher requeues or fails its tasks ({@link RetryPolicy}) and, unless the pool has
     * ended, a new worker starts in its place. Called by the {@link ResultCollector} after reading its last
     * results.
     */
    void replace(final WorkerSlot slot)
    {
        final int exitCode = slot.process.exitCode().orElse(-1);
        final boolean retired = 0 == exitCode && slot.process.exception().isEmpty();
        final PoolWorkerReplacedEvent replaced = new PoolWorkerReplacedEvent();
        replaced.begin();
        final TaskDispatcher.Released released =
            dispatcher.release(slot, policy, new RetryPolicy.WorkerEnd(slot.describe(), exitCode, retired));
        if (!retired)
        {
            shm.recordError(new WorkerDiedException(slot.describe() + " ended with exit code " + exitCode +
                slot.process.exception().map(e -> " after " + e).orElse("") + " holding " + released.held() +
                " task record(s)"));
        }
        final ProcessStartException broken = dispatcher.broken();
        final WorkerSlot successor = null == broken ? reserveSlot(slot.index) : null;
        if (replaced.shouldCommit())
        {
            replaced.worker = slot.process.name();
            replaced.pid = slot.process.pid();
            replaced.exitCode = exitCode;
            replaced.retired = retired;
            replaced.failed = released.failed().size();
            replaced.requeued = released.held() - released.failed().size();
            if (null == successor)
            {
                replaced.commit();
            }
            else
            {
                successor.replacing = replaced; // committed once the successor is ready, naming it
            }
        }
        try
        {
            TaskSender.closeLink(slot);
            sender.flush();
        }
        finally
        {
            if (null != successor)
            {
                startAsync(successor).whenComplete((started, failure) -> install(successor, failure));
            }
        }
        for (final TaskDispatcher.Failure failed : released.failed())
        {
            failed.task().job.fail(failed.cause());
        }
        for (final PoolTask task : null == broken ? List.<PoolTask>of() : dispatcher.breakPool(broken))
        {
            task.job.fail(broken);
        }
    }

    /**
     * Kills the workers running a task for longer than the timeout; their tasks fail when their exits are read.
     */
    void killOverdue(final long timeoutNanos)
    {
        final List<WorkerSlot> overdue = dispatcher.overdue(timeoutNanos);
        if (null != overdue)
        {
            overdue.forEach(WorkerSupervisor::kill);
        }
    }

    /**
     * @return the pids of the workers now, once every start under way has finished; not one whose start failed.
     */
    List<Long> pids() throws InterruptedException
    {
        awaitStarts();
        final List<Long> pids = new ArrayList<>();
        for (final WorkerSlot slot : dispatcher.snapshot())
        {
            if (slot.process.isAlive() || slot.process.exitCode().isPresent())
            {
                pids.add(slot.process.pid());
            }
        }
        return pids;
    }

    /**
     * No worker starts from now on (those starting are stopped once started).
     */
    void endStarts()
    {
        synchronized (lock)
        {
            ended = true;
        }
    }

    /**
     * Waits until no worker is starting, so that none is left running after the pool; no longer than a start may
     * take (a start that never finished is logged, never waited for for ever).
     */
    void awaitStarts() throws InterruptedException
    {
        final long deadline = System.nanoTime() + START_TIMEOUT_NS + STOP_WAIT.toNanos();
        synchronized (lock)
        {
            while (0 != starting)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    LOG.warn("pool: {} worker start(s) did not finish; not waiting for them", starting);
                    return;
                }
                lock.wait(100);
            }
        }
    }

    /**
     * @return a worker slot reserved for a start, or {@code null} if the pool has ended or the slot cannot be made.
     */
    private WorkerSlot reserveSlot(final int index)
    {
        if (!reserveStart())
        {
            return null;
        }
        try
        {
            return newSlot(index);
        }
        catch (final RuntimeException ex)
        {
            finishStart();
            LOG.warn("pool: cannot make a worker's link: {}", ex.toString());
            return null;
        }
    }

    /**
     * Asks every worker to end after its tasks, and kills those that have not within 10 s.
     */
    void stopAll() throws InterruptedException
    {
        final List<WorkerSlot> slots = dispatcher.snapshot();
        for (final WorkerSlot slot : slots)
        {
            sender.askToStop(slot);
        }
        for (final WorkerSlot slot : slots)
        {
            if (!ended(slot, STOP_WAIT))
            {
                kill(slot);
            }
        }
    }

    /**
     * Kills every worker and waits for each to be gone.
     */
    void killAll()
    {
        dispatcher.snapshot().forEach(WorkerSupervisor::stop);
    }

    private boolean reserveStart()
    {
        synchronized (lock)
        {
            if (ended)
            {
                return false;
            }
            starting++;
            return true;
        }
    }

    /**
     * @return how many starts are still under way.
     */
    private int finishStart()
    {
        synchronized (lock)
        {
            starting--;
            lock.notifyAll();
            return starting;
        }
    }

    /**
     * A worker started takes its slot and tasks, or is stopped if the pool ended meanwhile; if it could not start
     * and no worker is left, the waiting tasks fail.
     */
    private void install(final WorkerSlot successor, final Throwable failure)
    {
        final ProcessStartException broken;
        final boolean noneStarting;
        try
        {
            final boolean installed = null == failure && dispatcher.install(successor);
            broken = countStart(null == failure, failure);
            if (null != successor.replacing)
            {
                successor.replacing.replacementPid = installed ? successor.process.pid() : 0;
                successor.replacing.commit();
            }
            if (null == failure && !installed)
            {
                stop(successor); // the pool ended meanwhile, or the worker is already dead and replaced in turn
            }
            if (null != failure)
            {
                LOG.warn("pool: cannot start {}: {}", successor.process, failure.toString());
            }
        }
        finally
        {
            noneStarting = 0 == finishStart(); // whatever happened, so that awaitStarts does not wait for it
        }
        final List<PoolTask> stranded = null != broken ? dispatcher.breakPool(broken) :
            noneStarting && null != failure ? dispatcher.strandedTasks() : List.of();
        sender.flush();
        for (final PoolTask task : stranded)
        {
            task.job.fail(null != broken ? broken :
                new ProcessStartException("no pool worker is left, and none can start: " + failure, failure));
        }
        collector.wake();
    }

    /**
     * Counts a start that failed (the worker could not be launched, ended before it was ready, or was not ready in
     * time) or succeeded, which resets the count.
     *
     * @return why the pool is broken, if this is the {@value #MAX_FAILED_STARTS}th failed start in a row.
     */
    private ProcessStartException countStart(final boolean started, final Throwable failure)
    {
        synchronized (lock)
        {
            failedStarts = started ? 0 : failedStarts + 1;
            if (started || failedStarts < MAX_FAILED_STARTS)
            {
                return null;
            }
        }
        return new ProcessStartException("the pool is broken: " + MAX_FAILED_STARTS + " workers in a row could " +
            "not start; the last: " + failure.getMessage(), failure);
    }

    /**
     * @return a worker not yet started: its link and its process, named now so that names follow start order.
     */
    private WorkerSlot newSlot(final int index)
    {
        final WorkerLink link = WorkerLink.create(shm, RING_CAPACITY, MAX_RECORD);
        final String[] allow = settings.allowed();
        final byte[] init = settings.initializer();
        final int maxTasks = settings.maxTasksPerChild();
        final int number;
        synchronized (lock)
        {
            number = ++nextWorkerNumber;
        }
        final JvmProcess process = new JvmProcess("PoolWorker-" + number, () -> PoolWorker.run(link, allow, init,
            maxTasks));
        if (null != settings.context())
        {
            process.setContext(settings.context());
        }
        return new WorkerSlot(index, process, link);
    }

    /**
     * Starts a worker's JVM on a new daemon thread and completes once the worker has said it is ready for tasks (or
     * has ended, to be replaced in turn). Once the JVM runs, its exit goes to the {@link ResultCollector}, which
     * reads its last results and closes its link. If it cannot start, or is not ready in time, it is killed; a JVM
     * that never ran has its link closed here.
     */
    private CompletableFuture<WorkerSlot> startAsync(final WorkerSlot slot)
    {
        final CompletableFuture<WorkerSlot> started = new CompletableFuture<>();
        final Thread starter = new Thread(() ->
        {
            boolean launched = false;
            try
            {
                slot.process.setDaemon(true).start();
                slot.process.onExit().thenRun(() -> collector.onWorkerExit(slot));
                launched = true;
                awaitReady(slot);
                started.complete(slot);
            }
            catch (final RuntimeException | Error | InterruptedException ex)
            {
                kill(slot);
                slot.alive = false;
                if (!launched) // else the result thread reads its link as it replaces it: unmapped here, it crashed
                {
                    slot.link.close();
                }
                started.completeExceptionally(ex);
            }
        }, "mp4j-pool-start-" + slot.process.name());
        starter.setDaemon(true);
        starter.start();
        return started;
    }

    /**
     * @throws ProcessStartException if the worker ended before it was ready (naming what it threw: its
     *                               initializer's exception, a class its JVM could not find), or is not ready in time.
     */
    private static void awaitReady(final WorkerSlot slot) throws InterruptedException
    {
        final long deadline = System.nanoTime() + START_TIMEOUT_NS;
        while (!slot.link.isReady() && slot.process.isAlive())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new ProcessStartException(slot.describe() + " started but was not ready for tasks within " +
                    Duration.ofNanos(START_TIMEOUT_NS));
            }
            LockSupport.parkNanos(READY_POLL_NS);
        }
        if (!slot.link.isReady())
        {
            slot.process.join(STOP_WAIT);
            final Throwable failure = slot.process.exception().orElse(null);
            throw new ProcessStartException(slot.describe() + " ended before it was ready for tasks, with exit code " +
                slot.process.exitCode().orElse(-1) +
                (null == failure ? " (its stderr says why)" : ": " + failure), failure);
        }
    }

    /**
     * Kills a worker that started but is not wanted, and waits for it to be gone.
     */
    private static void stop(final WorkerSlot slot)
    {
        kill(slot);
        try
        {
            ended(slot, STOP_WAIT);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return whether the worker's JVM has ended within {@code timeout}, or never started (its start failed).
     */
    private static boolean ended(final WorkerSlot slot, final Duration timeout) throws InterruptedException
    {
        try
        {
            return slot.process.join(timeout);
        }
        catch (final IllegalStateException neverStarted)
        {
            return true;
        }
    }

    private static void kill(final WorkerSlot slot)
    {
        try
        {
            slot.process.kill();
        }
        catch (final IllegalStateException endedOrNeverStarted)
        {
            // nothing to kill
        }
    }
}
