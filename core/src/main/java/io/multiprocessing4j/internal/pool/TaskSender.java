package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.ring.RingStatus;
import io.multiprocessing4j.shm.ring.SpscRing;

import java.util.List;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FUNCTION;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.STOP;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK;

/**
 * Writes the tasks the {@link TaskDispatcher} assigned into the workers' task rings, with no dispatcher lock
 * held: a large record may take a while to stream into a ring. Each ring has one writer at a time, the holder of
 * its worker's {@code sending} lock; a thread that finds that lock held leaves its tasks to the holder, which
 * lets go of it only once the dispatcher has nothing more queued for that worker, so no task is left behind.
 * Thread-safe.
 */
final class TaskSender
{
    private final TaskDispatcher dispatcher;
    private final ShmContext shm;

    TaskSender(final TaskDispatcher dispatcher, final ShmContext shm)
    {
        this.dispatcher = dispatcher;
        this.shm = shm;
    }

    /**
     * Sends whatever is queued for any worker. Call after letting go of the dispatcher's lock, wherever it may
     * have assigned tasks.
     */
    void flush()
    {
        for (int i = 0, n = dispatcher.workers(); i < n; i++)
        {
            final WorkerSlot slot = dispatcher.slot(i);
            if (null != slot && slot.queued)
            {
                send(slot);
            }
        }
    }

    private void send(final WorkerSlot slot)
    {
        while (slot.sending.tryLock())
        {
            final List<PoolTask> batch = slot.batch;
            if (!dispatcher.handOff(slot, batch))
            {
                return;
            }
            int sent = 0;
            try
            {
                while (sent < batch.size() && sendNow(slot, batch.get(sent)))
                {
                    sent++;
                }
            }
            finally
            {
                final boolean refused = sent < batch.size();
                if (refused)
                {
                    dispatcher.takeBack(slot, batch.subList(sent, batch.size()));
                }
                batch.clear();
                slot.sending.unlock();
                if (refused)
                {
                    flush();
                }
            }
        }
    }

    /**
     * Sends one task (with its function the first time the worker needs it), restarting the record if the thread
     * is interrupted meanwhile (the worker drops a record cut short) and keeping the interrupt.
     *
     * @return false if the worker is gone.
     */
    private boolean sendNow(final WorkerSlot slot, final PoolTask task)
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    return send(slot, task);
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean send(final WorkerSlot slot, final PoolTask task) throws InterruptedException
    {
        if (slot.link.isClosed())
        {
            return false;
        }
        final SpscRing ring = slot.link.tasks();
        if (null != task.function)
        {
            slot.sendView.wrap(task.function);
            if (RingStatus.DONE != ring.send(FUNCTION, slot.sendView, 0, task.function.length, shm.idlePolicy()))
            {
                return false;
            }
            task.function = null;
        }
        slot.sendView.wrap(task.record);
        if (RingStatus.DONE != ring.send(TASK, slot.sendView, 0, task.record.length, shm.idlePolicy()))
        {
            return false;
        }
        slot.link.taskSent();
        return true;
    }

    /**
     * Asks a worker to end after its tasks, as its ring's one writer of the moment.
     */
    void askToStop(final WorkerSlot slot) throws InterruptedException
    {
        slot.sending.lock();
        try
        {
            if (slot.alive && !slot.link.isClosed())
            {
                slot.sendView.wrap(new byte[0]);
                slot.link.tasks().send(STOP, slot.sendView, 0, 0, shm.idlePolicy());
            }
        }
        finally
        {
            slot.sending.unlock();
        }
    }

    /**
     * Closes a worker's link once no thread is sending to it.
     */
    static void closeLink(final WorkerSlot slot)
    {
        slot.sending.lock();
        try
        {
            slot.link.close();
        }
        finally
        {
            slot.sending.unlock();
        }
    }
}
