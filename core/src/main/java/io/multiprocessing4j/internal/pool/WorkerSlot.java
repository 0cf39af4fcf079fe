package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.internal.jfr.PoolWorkerReplacedEvent;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static io.multiprocessing4j.internal.pool.PoolSettings.LONG_TASK_NS;
import static io.multiprocessing4j.internal.pool.PoolSettings.WINDOW;

/**
 * One worker as the pool sees it: its JVM, its link, and the tasks it holds. The fields that say what it
 * holds are guarded by the {@link TaskDispatcher}'s lock; {@link #sending} guards the ones its sender uses.
 */
final class WorkerSlot
{
    final int index;
    /** Its JVM; null only in tests that play the worker's part themselves. */
    final JvmProcess process;
    final WorkerLink link;
    /** The tasks sent to it, in the order it runs them: the first is the one running. */
    final LinkedHashMap<Long, PoolTask> outstanding = new LinkedHashMap<>();
    final BitSet functionsSent = new BitSet();
    /** Tasks dispatched to it and not yet handed to the sender. */
    final ArrayDeque<PoolTask> toSend = new ArrayDeque<>();
    /** Set when a task joins {@link #toSend}, cleared when the sender finds it empty: read with no lock held. */
    volatile boolean queued;
    /** Held by the one thread writing to its task ring, which alone uses the two fields below. */
    final ReentrantLock sending = new ReentrantLock();
    final List<PoolTask> batch = new ArrayList<>();
    final UnsafeBuffer sendView = new UnsafeBuffer(new byte[0]);
    /** False once it has ended, been killed, or its ring refused a task. */
    volatile boolean alive = true;
    /** Whether it has said it is ready for tasks and taken its slot; none is sent to it before. */
    boolean ready;
    /** The event of the worker it replaces, to commit when it is ready; null if it replaces none. */
    PoolWorkerReplacedEvent replacing;
    /** When the task it is running began (when it was sent, or when the one before it ended). */
    long busySince;
    /** How long its last task ran, as the worker timed it; 0 until one has. */
    long lastTaskNanos;

    WorkerSlot(final int index, final JvmProcess process, final WorkerLink link)
    {
        this.index = index;
        this.process = process;
        this.link = link;
    }

    /**
     * @return how many tasks it may hold: {@value PoolSettings#WINDOW} once its tasks are known to be short, else
     * two (the one running and the next).
     */
    int window(final long now)
    {
        final boolean quick = 0 != lastTaskNanos && lastTaskNanos < LONG_TASK_NS &&
            (outstanding.isEmpty() || now - busySince < LONG_TASK_NS);
        return quick ? WINDOW : 2;
    }

    /**
     * @return "PoolWorker-3 (pid 1234)", or the link's name for a worker with no JVM.
     */
    String describe()
    {
        return null == process ? "worker " + index : process.name() + " (pid " + process.pid() + ")";
    }

    public String toString()
    {
        return "WorkerSlot[" + index + ", " + (null == process ? "no process" : process.name()) + "]";
    }
}
