package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.ProcessStartException;
import io.multiprocessing4j.shm.WorkCountsDescriptor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static io.multiprocessing4j.internal.pool.PoolSettings.INLINE_LIMIT;

/**
 * A pool's tasks and who holds them: the queue of tasks waiting for a worker, each worker's window of tasks
 * sent ahead ({@link WorkerSlot#window}), the inline limit for long records, what a worker's end does to the
 * tasks it held ({@link RetryPolicy}), and the pool's phase (running, closed to new tasks, terminated).
 * <p>
 * It only assigns: {@link #dispatch} puts a task on the chosen worker's {@code toSend} queue, and the
 * {@link TaskSender} writes it to the ring once the caller has let go of the lock. Thread-safe: one monitor
 * guards it all, and is never held during a ring send, a JVM start or a user callback.
 */
public final class TaskDispatcher
{
    private static final long WAKE_BEFORE_RESULT_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long MAX_NAP_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A shorter nap is not worth taking: a park wakes tens of microseconds late here. */
    private static final long MIN_NAP_NS = TimeUnit.MICROSECONDS.toNanos(20);

    private final Object lock = new Object();
    private final ArrayDeque<PoolTask> pending = new ArrayDeque<>();
    private final Map<Long, PoolTask> tasks = new HashMap<>();
    private final AtomicReferenceArray<WorkerSlot> slots;
    private final String poolName;
    private long nextTaskId;
    private Phase phase = Phase.RUNNING;
    /** Why no worker can start, once the pool is broken; then no task is taken. */
    private ProcessStartException broken;

    enum Phase
    {
        RUNNING, CLOSED, TERMINATED
    }

    /**
     * @param workers  how many worker slots; each is empty until {@link #place} or {@link #install} fills it.
     * @param poolName how exceptions name the pool.
     */
    TaskDispatcher(final int workers, final String poolName)
    {
        this.slots = new AtomicReferenceArray<>(workers);
        this.poolName = poolName;
    }

    int workers()
    {
        return slots.length();
    }

    WorkerSlot slot(final int index)
    {
        return slots.get(index);
    }

    /**
     * Puts a worker not yet ready in its slot (tasks go to it once it is {@link #install installed}).
     */
    void place(final WorkerSlot slot)
    {
        slots.set(slot.index, slot);
    }

    /**
     * Numbers the tasks and queues them, then assigns what it can.
     *
     * @throws IllegalStateException if the pool no longer takes tasks.
     */
    void enqueue(final List<PoolTask> chunks)
    {
        synchronized (lock)
        {
            checkRunning();
            for (final PoolTask task : chunks)
            {
                task.number(nextTaskId++);
                tasks.put(task.id, task);
                pending.add(task);
            }
            dispatch();
        }
    }

    /**
     * @throws IllegalStateException  if the pool no longer takes tasks.
     * @throws ProcessStartException if it is broken: no worker can start.
     */
    void checkRunning()
    {
        synchronized (lock)
        {
            if (Phase.RUNNING != phase)
            {
                throw new IllegalStateException("the pool is closed: " + this);
            }
            if (null != broken)
            {
                throw new ProcessStartException(broken.getMessage(), broken);
            }
        }
    }

    /**
     * No worker can start: the waiting tasks are taken off the queue and no new task is taken.
     *
     * @return the tasks taken, for the caller to fail.
     */
    List<PoolTask> breakPool(final ProcessStartException cause)
    {
        synchronized (lock)
        {
            if (null == broken)
            {
                broken = cause;
            }
            return takePending();
        }
    }

    /**
     * Holds the lock.
     */
    private List<PoolTask> takePending()
    {
        final List<PoolTask> taken = new ArrayList<>(pending);
        pending.clear();
        taken.forEach(task -> tasks.remove(task.id));
        if (tasks.isEmpty())
        {
            lock.notifyAll();
        }
        return taken;
    }

    /**
     * @return why the pool is broken, or {@code null}.
     */
    ProcessStartException broken()
    {
        synchronized (lock)
        {
            return broken;
        }
    }

    /**
     * A worker answered a task: it leaves the worker's window, which takes the next task.
     *
     * @param runNanos how long the task ran, timed in the worker; 0 for a withdrawn task, which did not run.
     * @return the task, or {@code null} if it was withdrawn, failed already, or cancelled by termination.
     */
    PoolTask complete(final WorkerSlot slot, final long taskId, final long runNanos)
    {
        synchronized (lock)
        {
            final PoolTask task = tasks.remove(taskId);
            slot.outstanding.remove(taskId);
            if (runNanos > 0)
            {
                slot.lastTaskNanos = runNanos;
            }
            slot.busySince = System.nanoTime();
            dispatch();
            if (tasks.isEmpty())
            {
                lock.notifyAll();
            }
            return task;
        }
    }

    /**
     * Assigns waiting tasks to the least busy live workers, within each one's window; a record over the inline
     * limit goes only to a worker holding nothing. Holds the lock.
     */
    private void dispatch()
    {
        while (!pending.isEmpty() && Phase.TERMINATED != phase)
        {
            final PoolTask task = pending.peek();
            if (task.job.isDone())
            {
                pending.poll();
                tasks.remove(task.id);
                continue;
            }
            final WorkerSlot slot = idlest(task);
            if (null == slot)
            {
                return;
            }
            pending.poll();
            task.function = slot.functionsSent.get(task.functionId) ? null : task.functionRecord;
            slot.functionsSent.set(task.functionId);
            if (slot.outstanding.isEmpty())
            {
                slot.busySince = System.nanoTime();
            }
            slot.outstanding.put(task.id, task);
            slot.toSend.add(task);
            slot.queued = true;
        }
    }

    private WorkerSlot idlest(final PoolTask task)
    {
        final long now = System.nanoTime();
        WorkerSlot idlest = null;
        for (int i = 0, n = slots.length(); i < n; i++)
        {
            final WorkerSlot slot = slots.get(i);
            if (null == slot || !slot.alive || !slot.ready)
            {
                continue;
            }
            final int held = slot.outstanding.size();
            if (held >= slot.window(now) || (null != idlest && held >= idlest.outstanding.size()))
            {
                continue;
            }
            final int bytes = task.record.length + (slot.functionsSent.get(task.functionId) ? 0 :
                task.functionRecord.length);
            if (bytes <= INLINE_LIMIT || 0 == held)
            {
                idlest = slot;
            }
        }
        return idlest;
    }

    /**
     * Moves a worker's queued tasks into {@code batch} for its sender, the holder of its {@code sending} lock; if
     * none is queued, lets go of that lock here, under the dispatcher's, so that no task queued meanwhile is left
     * without a sender.
     *
     * @return false if nothing was queued (and the sending lock is released).
     */
    boolean handOff(final WorkerSlot slot, final List<PoolTask> batch)
    {
        synchronized (lock)
        {
            if (slot.toSend.isEmpty())
            {
                slot.queued = false;
                slot.sending.unlock();
                return false;
            }
            batch.addAll(slot.toSend);
            slot.toSend.clear();
            return true;
        }
    }

    /**
     * A worker's ring refused tasks (its reader is gone): those it still holds go back to the front of the queue,
     * in order, unless its end was already handled.
     */
    void takeBack(final WorkerSlot slot, final List<PoolTask> unsent)
    {
        synchronized (lock)
        {
            slot.alive = false;
            final List<PoolTask> back = new ArrayList<>(unsent);
            back.addAll(slot.toSend);
            slot.toSend.clear();
            for (int i = back.size() - 1; i >= 0; i--)
            {
                if (null != slot.outstanding.remove(back.get(i).id))
                {
                    pending.addFirst(back.get(i));
                }
            }
            dispatch();
        }
    }

    /**
     * A job failed or was cancelled: its tasks no worker has begun are dropped, those waiting here and those
     * already sent (the worker skips a withdrawn task and answers it empty). A task a worker has begun runs to
     * its end, and its result is dropped.
     */
    void withdraw(final PoolJob job)
    {
        synchronized (lock)
        {
            pending.removeIf(task -> task.job == job && null != tasks.remove(task.id));
            for (int i = 0, n = slots.length(); i < n; i++)
            {
                final WorkerSlot slot = slots.get(i);
                if (null != slot && slot.alive && !slot.link.isClosed())
                {
                    withdraw(job, slot);
                }
            }
            if (tasks.isEmpty())
            {
                lock.notifyAll();
            }
        }
    }

    private void withdraw(final PoolJob job, final WorkerSlot slot)
    {
        final long begun = slot.link.startedTask();
        boolean unbegun = !slot.outstanding.containsKey(begun); // in send order: those after the one begun
        for (final PoolTask task : slot.outstanding.values())
        {
            if (unbegun && task.job == job && null != tasks.remove(task.id))
            {
                slot.link.withdraw(freeWithdrawalSlot(slot), task.id);
            }
            unbegun |= task.id == begun;
        }
    }

    /**
     * @return a slot of the worker's withdrawn table that names no task it still holds (it holds at most
     * {@value PoolSettings#WINDOW}, and the table has more slots).
     */
    private static int freeWithdrawalSlot(final WorkerSlot slot)
    {
        for (int i = 0; i < WorkCountsDescriptor.WITHDRAWN_SLOTS; i++)
        {
            if (!slot.outstanding.containsKey(slot.link.withdrawn(i)))
            {
                return i;
            }
        }
        throw new IllegalStateException("no free withdrawal slot for " + slot.describe());
    }

    /**
     * A worker ended: every task it held goes back to the front of the queue or fails, as {@code policy} says of
     * it. The first is the one it was running if the worker published that it had begun it.
     *
     * @return how many it held, and those that fail, each with its exception, for the caller to fail outside the
     * lock.
     */
    Released release(final WorkerSlot slot, final RetryPolicy policy, final RetryPolicy.WorkerEnd end)
    {
        final List<Failure> failed = new ArrayList<>();
        final List<PoolTask> orphans;
        synchronized (lock)
        {
            slot.alive = false;
            orphans = new ArrayList<>(slot.outstanding.values());
            slot.outstanding.clear();
            slot.toSend.clear();
            final long begun = slot.link.isClosed() ? WorkCountsDescriptor.NONE : slot.link.startedTask();
            for (int i = orphans.size() - 1; i >= 0; i--)
            {
                final PoolTask task = orphans.get(i);
                final Throwable failure = policy.onWorkerEnd(task, 0 == i && task.id == begun, end);
                if (null == failure)
                {
                    pending.addFirst(task);
                }
                else
                {
                    tasks.remove(task.id);
                    failed.add(new Failure(task, failure));
                }
            }
            dispatch();
            if (tasks.isEmpty())
            {
                lock.notifyAll();
            }
        }
        return new Released(orphans.size(), failed);
    }

    /**
     * A started worker takes its slot and tasks, unless the pool was terminated or the worker ended meanwhile.
     *
     * @return whether it did.
     */
    boolean install(final WorkerSlot slot)
    {
        synchronized (lock)
        {
            if (Phase.TERMINATED == phase || !slot.alive)
            {
                return false;
            }
            slots.set(slot.index, slot);
            slot.ready = true;
            dispatch();
            return true;
        }
    }

    /**
     * No worker could start: if none is left alive either, the waiting tasks are taken off the queue.
     *
     * @return the tasks taken, for the caller to fail.
     */
    List<PoolTask> strandedTasks()
    {
        synchronized (lock)
        {
            for (int i = 0, n = slots.length(); i < n; i++)
            {
                final WorkerSlot slot = slots.get(i);
                if (null != slot && slot.alive)
                {
                    return List.of();
                }
            }
            return takePending();
        }
    }

    /**
     * Marks, on each worker running a task for longer than {@code timeoutNanos}, that task as timed out and the
     * worker as no longer alive.
     *
     * @return those workers, for the caller to kill; null if none.
     */
    List<WorkerSlot> overdue(final long timeoutNanos)
    {
        List<WorkerSlot> overdue = null;
        synchronized (lock)
        {
            final long now = System.nanoTime();
            for (int i = 0, n = slots.length(); i < n; i++)
            {
                final WorkerSlot slot = slots.get(i);
                if (null != slot && slot.alive && !slot.outstanding.isEmpty() &&
                    slot.link.runningNanos(now) > timeoutNanos)
                {
                    slot.outstanding.values().iterator().next().timedOut = true;
                    slot.alive = false;
                    if (null == overdue)
                    {
                        overdue = new ArrayList<>(2);
                    }
                    overdue.add(slot);
                }
            }
        }
        return overdue;
    }

    /**
     * @return how long a waiter may sleep without a core spinning beside busy workers: until the first result of a
     * worker running a long task is due, or until a worker of short tasks has run all it holds; 0 when a result, or
     * a worker's need of a task, may come at any moment.
     */
    long napBeforeNextResult()
    {
        synchronized (lock)
        {
            final long now = System.nanoTime();
            long soonest = Long.MAX_VALUE;
            for (int i = 0, n = slots.length(); i < n; i++)
            {
                final WorkerSlot slot = slots.get(i);
                if (null != slot && !slot.outstanding.isEmpty())
                {
                    if (!slot.alive || 0 == slot.lastTaskNanos)
                    {
                        return 0;
                    }
                    final int tasks = slot.lastTaskNanos < PoolSettings.LONG_TASK_NS ? slot.outstanding.size() : 1;
                    soonest = Math.min(soonest, slot.busySince + tasks * slot.lastTaskNanos - now);
                }
            }
            return Long.MAX_VALUE == soonest || soonest <= WAKE_BEFORE_RESULT_NS + MIN_NAP_NS ? 0 :
                Math.min(soonest - WAKE_BEFORE_RESULT_NS, MAX_NAP_NS);
        }
    }

    /**
     * @return whether no task is waiting or running.
     */
    boolean isIdle()
    {
        synchronized (lock)
        {
            return tasks.isEmpty();
        }
    }

    /**
     * Waits until no task is waiting or running.
     *
     * @return whether that happened within {@code timeout}.
     */
    boolean awaitIdle(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock)
        {
            while (!tasks.isEmpty())
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Takes no more tasks and waits for those taken; then the pool is terminated.
     *
     * @return false if it was terminated meanwhile by another call (which stops the workers itself).
     */
    boolean drainAndEnd() throws InterruptedException
    {
        synchronized (lock)
        {
            if (Phase.RUNNING == phase)
            {
                phase = Phase.CLOSED;
            }
            while (Phase.CLOSED == phase && !tasks.isEmpty())
            {
                lock.wait(100);
            }
            if (Phase.TERMINATED == phase)
            {
                return false;
            }
            phase = Phase.TERMINATED;
            return true;
        }
    }

    /**
     * Terminates the pool: nothing more is sent.
     *
     * @return the tasks not done, for the caller to cancel.
     */
    List<PoolTask> terminate()
    {
        synchronized (lock)
        {
            phase = Phase.TERMINATED;
            final List<PoolTask> cancelled = new ArrayList<>(tasks.values());
            tasks.clear();
            pending.clear();
            lock.notifyAll();
            return cancelled;
        }
    }

    boolean isTerminated()
    {
        synchronized (lock)
        {
            return Phase.TERMINATED == phase;
        }
    }

    /**
     * @return the workers' slots now, as one consistent set.
     */
    List<WorkerSlot> snapshot()
    {
        synchronized (lock)
        {
            final List<WorkerSlot> all = new ArrayList<>(slots.length());
            for (int i = 0, n = slots.length(); i < n; i++)
            {
                all.add(slots.get(i));
            }
            return all;
        }
    }

    @Override
    public String toString()
    {
        final Phase now;
        synchronized (lock)
        {
            now = phase;
        }
        return poolName + "[" + slots.length() + " workers, " + now + "]";
    }

    /**
     * A task that fails because its worker ended, and why.
     */
    record Failure(PoolTask task, Throwable cause)
    {
    }

    /**
     * What {@link #release} did with an ended worker's tasks.
     *
     * @param held   how many it held.
     * @param failed those that fail.
     */
    record Released(int held, List<Failure> failed)
    {
    }
}
