package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.TaskTimeoutException;
import io.multiprocessing4j.WorkerDiedException;
import io.multiprocessing4j.shm.ShmContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FUNCTION;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_ID_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher's window, placement, inline limit, hand-back, withdrawal and what a worker's end does to its
 * tasks, with real links in a real context and this test in the workers' place: no child JVM.
 */
@Timeout(60)
class TaskDispatcherTest
{
    private static final byte[] FUNCTION_RECORD = new byte[16];
    private static final long QUICK_NS = 1_000;

    private ShmContext shm;
    private TaskDispatcher dispatcher;
    private TaskSender sender;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    private List<WorkerSlot> slots(final int count)
    {
        dispatcher = new TaskDispatcher(count, "TestPool");
        sender = new TaskSender(dispatcher, shm);
        final List<WorkerSlot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final WorkerSlot slot = new WorkerSlot(i, null, WorkerLink.create(shm, 1 << 16, 1 << 13));
            dispatcher.place(slot);
            assertTrue(dispatcher.install(slot));
            slots.add(slot);
        }
        return slots;
    }

    private PoolJob job(final int size)
    {
        return new PoolJob((done, timeout) -> done.getAsBoolean(), size, true, null, null, dispatcher::withdraw);
    }

    private List<PoolTask> tasks(final PoolJob job, final int count)
    {
        final List<Object> arguments = IntStream.range(0, count).boxed().collect(Collectors.toList());
        return TaskRecords.chunks(job, 0, FUNCTION_RECORD, arguments, 1, null);
    }

    private static List<Long> ids(final WorkerSlot slot)
    {
        return new ArrayList<>(slot.outstanding.keySet());
    }

    /**
     * @return the ids of the TASK records in the worker's ring, and how many FUNCTION records came before them.
     */
    private static List<Long> received(final WorkerLink worker, final int[] functions)
    {
        final List<Long> ids = new ArrayList<>();
        while (worker.tasks().poll((type, buffer, index, length) ->
        {
            if (TASK == type)
            {
                ids.add(buffer.getLong(index + TASK_ID_OFFSET));
            }
            else if (FUNCTION == type)
            {
                functions[0]++;
            }
        }))
        {
            // read them all
        }
        return ids;
    }

    @Test
    void aWorkerWhoseTasksAreNotTimedHoldsTwoThenFourOnceTheyAreQuick()
    {
        final WorkerSlot slot = slots(1).get(0);
        final PoolJob job = job(6);
        dispatcher.enqueue(tasks(job, 6));
        assertEquals(List.of(0L, 1L), ids(slot), "two while its tasks have not been timed");

        dispatcher.complete(slot, 0, QUICK_NS);
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(slot), "four once a task ran quickly");

        dispatcher.complete(slot, 1, PoolSettings.LONG_TASK_NS * 2);
        assertEquals(List.of(2L, 3L, 4L), ids(slot), "back to two when one ran long: nothing more until one ends");
    }

    @Test
    void tasksGoToTheLeastBusyReadyWorkerAndNoneToOneNotReady()
    {
        dispatcher = new TaskDispatcher(3, "TestPool");
        sender = new TaskSender(dispatcher, shm);
        final List<WorkerSlot> slots = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            slots.add(new WorkerSlot(i, null, WorkerLink.create(shm, 1 << 16, 1 << 13)));
            dispatcher.place(slots.get(i));
        }
        dispatcher.install(slots.get(0));
        dispatcher.install(slots.get(1));
        dispatcher.enqueue(tasks(job(4), 4));
        assertEquals(List.of(0L, 2L), ids(slots.get(0)));
        assertEquals(List.of(1L, 3L), ids(slots.get(1)));
        assertTrue(slots.get(2).outstanding.isEmpty(), "not ready: none sent");

        dispatcher.enqueue(tasks(job(1), 1));
        assertTrue(slots.get(2).outstanding.isEmpty());
        assertTrue(dispatcher.install(slots.get(2)));
        assertEquals(List.of(4L), ids(slots.get(2)), "the waiting task goes to it once it is ready");
    }

    @Test
    void aRecordOverTheInlineLimitGoesOnlyToAWorkerHoldingNothing()
    {
        final WorkerSlot slot = slots(1).get(0);
        final PoolJob job = job(2);
        final PoolTask small = tasks(job, 1).get(0);
        final PoolTask large = new PoolTask(new byte[PoolSettings.INLINE_LIMIT + 1], 0, FUNCTION_RECORD, job, 1, 1);
        dispatcher.enqueue(List.of(small, large));
        assertEquals(List.of(small.id), ids(slot), "the large one waits while the worker holds a task");

        dispatcher.complete(slot, small.id, QUICK_NS);
        assertEquals(List.of(large.id), ids(slot));
    }

    @Test
    void theSenderWritesEachFunctionOnceAndTheTasksInOrder()
    {
        final WorkerSlot slot = slots(1).get(0);
        final WorkerLink worker = WorkerLink.attach(slot.link.handle());
        try
        {
            final PoolJob job = job(6);
            dispatcher.enqueue(tasks(job, 6));
            final int[] functions = new int[1];
            assertTrue(received(worker, functions).isEmpty(), "nothing is written under the dispatcher's lock");

            sender.flush();
            assertEquals(List.of(0L, 1L), received(worker, functions));
            dispatcher.complete(slot, 0, QUICK_NS);
            sender.flush();
            assertEquals(List.of(2L, 3L, 4L), received(worker, functions));
            assertEquals(1, functions[0], "the function goes once, before the first task");
            assertFalse(slot.queued);
        }
        finally
        {
            worker.close();
        }
    }

    @Test
    void tasksARingRefusedGoBackToTheFrontInOrder()
    {
        final List<WorkerSlot> slots = slots(2);
        dispatcher.enqueue(tasks(job(4), 4));
        assertEquals(List.of(0L, 2L), ids(slots.get(0)));
        slots.get(0).link.close(); // its reader is gone: the sender finds the ring refusing
        sender.flush();
        assertFalse(slots.get(0).alive);
        assertTrue(slots.get(0).outstanding.isEmpty());
        assertEquals(List.of(1L, 3L), ids(slots.get(1)), "the live worker's own, still in its window");

        dispatcher.complete(slots.get(1), 1, QUICK_NS);
        assertEquals(List.of(3L, 0L, 2L), ids(slots.get(1)), "then the refused ones, first first");
    }

    @Test
    void aFailedJobWithdrawsItsTasksNoWorkerHasBegun()
    {
        final WorkerSlot slot = slots(1).get(0);
        final PoolJob failing = job(3);
        final PoolJob other = job(1);
        final List<PoolTask> failingTasks = tasks(failing, 3);
        dispatcher.enqueue(failingTasks.subList(0, 1));
        dispatcher.enqueue(tasks(other, 1));
        dispatcher.enqueue(failingTasks.subList(1, 3));
        assertEquals(List.of(0L, 1L), ids(slot));

        failing.fail(new IllegalStateException("boom"));
        assertTrue(slot.link.isWithdrawn(0), "sent, not begun: withdrawn");
        assertFalse(slot.link.isWithdrawn(1), "another job's task");
        assertNull(dispatcher.complete(slot, 0, 0), "a withdrawn task's empty answer completes nothing");
        assertEquals(List.of(1L), ids(slot), "those still waiting were dropped, not sent");

        final PoolJob second = job(2);
        dispatcher.enqueue(tasks(second, 2));
        dispatcher.complete(slot, 1, PoolSettings.LONG_TASK_NS * 2);
        assertEquals(List.of(4L, 5L), ids(slot));
        slot.link.taskStarted(4);
        assertTrue(second.cancel(false));
        assertFalse(slot.link.isWithdrawn(4), "begun: it runs to its end");
        assertTrue(slot.link.isWithdrawn(5));
        assertFalse(dispatcher.isIdle(), "the begun task is still awaited");
        dispatcher.complete(slot, 5, 0);
        final PoolTask begun = dispatcher.complete(slot, 4, QUICK_NS);
        begun.job.complete(begun, new int[] {16});
        assertTrue(second.future().isCancelled(), "the begun task's result is dropped");
        assertTrue(dispatcher.isIdle());
    }

    @Test
    void aDeadWorkersTasksItHadNotBegunGoToAnotherAndTheOneRunningFails()
    {
        final List<WorkerSlot> slots = slots(2);
        slots.get(1).alive = false; // busy elsewhere for now
        final PoolJob job = job(2);
        dispatcher.enqueue(tasks(job, 2));
        final WorkerSlot dead = slots.get(0);
        assertEquals(List.of(0L, 1L), ids(dead));
        dead.link.taskStarted(0);
        slots.get(1).alive = true;

        final TaskDispatcher.Released released = dispatcher.release(dead, new RetryPolicy(0, 0),
            new RetryPolicy.WorkerEnd("PoolWorker-1 (pid 1)", 137, false));
        assertEquals(2, released.held());
        assertEquals(1, released.failed().size());
        assertEquals(0L, released.failed().get(0).task().id);
        assertInstanceOf(WorkerDiedException.class, released.failed().get(0).cause());
        assertTrue(released.failed().get(0).cause().getMessage().contains("exit code 137"));
        assertEquals(List.of(1L), ids(slots.get(1)), "the one it had not begun goes to the other worker");
    }

    @Test
    void aDeadWorkersIdleQueueIsRequeuedWhenItHadBegunNoneOfIt()
    {
        final List<WorkerSlot> slots = slots(2);
        slots.get(1).alive = false;
        dispatcher.enqueue(tasks(job(2), 2));
        slots.get(1).alive = true;
        final TaskDispatcher.Released released = dispatcher.release(slots.get(0), new RetryPolicy(0, 0),
            new RetryPolicy.WorkerEnd("PoolWorker-1 (pid 1)", 137, false));
        assertTrue(released.failed().isEmpty(), "killed before it began a task: nothing fails");
        assertEquals(List.of(0L, 1L), ids(slots.get(1)));
    }

    @Test
    void theRetryPolicyRetriesWithinItsBudgetAndFailsATimedOutTask()
    {
        final RetryPolicy policy = new RetryPolicy(1, 5_000_000_000L);
        final RetryPolicy.WorkerEnd died = new RetryPolicy.WorkerEnd("PoolWorker-2 (pid 2)", 9, false);
        dispatcher = new TaskDispatcher(1, "TestPool");
        final PoolTask task = tasks(job(1), 1).get(0);
        assertNull(policy.onWorkerEnd(task, true, died), "first death: retried");
        assertInstanceOf(WorkerDiedException.class, policy.onWorkerEnd(task, true, died), "second: fails");
        assertNull(policy.onWorkerEnd(task, false, died), "not begun: always goes to another worker");
        assertNull(policy.onWorkerEnd(task, true, new RetryPolicy.WorkerEnd("w", 0, true)),
            "a worker that retired normally hands its tasks on");
        task.timedOut = true;
        final Throwable timeout = policy.onWorkerEnd(task, true, died);
        assertInstanceOf(TaskTimeoutException.class, timeout);
        assertTrue(timeout.getMessage().contains("PT5S"), timeout.getMessage());
    }

    @Test
    void overdueMarksTheRunningTaskAndTheWorkerAndATerminatedPoolTakesNothing()
    {
        final WorkerSlot slot = slots(1).get(0);
        dispatcher.enqueue(tasks(job(2), 2));
        slot.link.taskStarted(0);
        assertNull(dispatcher.overdue(Long.MAX_VALUE));
        final List<WorkerSlot> overdue = dispatcher.overdue(-1);
        assertEquals(List.of(slot), overdue);
        assertTrue(slot.outstanding.get(0L).timedOut);
        assertFalse(slot.outstanding.get(1L).timedOut);
        assertFalse(slot.alive);

        assertEquals(2, dispatcher.terminate().size());
        assertTrue(dispatcher.isIdle());
        final IllegalStateException closed =
            assertThrows(IllegalStateException.class, () -> dispatcher.enqueue(Collections.emptyList()));
        assertTrue(closed.getMessage().contains("TestPool[1 workers, TERMINATED]"), closed.getMessage());
    }

    @Test
    void aWaiterNapsOnlyWhileEveryBusyWorkerHoldsWorkForLonger()
    {
        final List<WorkerSlot> slots = slots(2);
        final WorkerSlot first = slots.get(0);
        final WorkerSlot second = slots.get(1);
        assertEquals(0, dispatcher.napBeforeNextResult(), "nothing outstanding");

        final List<PoolTask> held = tasks(job(8), 8);
        hold(first, held.subList(0, 4), 200_000);
        assertTrue(dispatcher.napBeforeNextResult() > 0, "four tasks of 200 µs queued: the result waiter may nap");
        assertTrue(dispatcher.napBeforeNextResult() <= 700_000, "but wakes before the worker runs dry");

        hold(second, held.subList(4, 5), QUICK_NS);
        assertEquals(0, dispatcher.napBeforeNextResult(), "a quick task's result may come at any moment");

        hold(second, held.subList(4, 6), 0);
        assertEquals(0, dispatcher.napBeforeNextResult(), "tasks not yet timed");

        first.outstanding.clear();
        hold(second, held.subList(4, 6), 5_000_000);
        assertEquals(1_000_000, dispatcher.napBeforeNextResult(), "long tasks: until the first is due, at most 1 ms");
        second.alive = false;
        assertEquals(0, dispatcher.napBeforeNextResult(), "a dead worker needs its tasks re-sent");
    }

    private static void hold(final WorkerSlot slot, final List<PoolTask> tasks, final long taskNanos)
    {
        slot.outstanding.clear();
        tasks.forEach(task -> slot.outstanding.put(task.id, task));
        slot.lastTaskNanos = taskNanos;
        slot.busySince = System.nanoTime();
    }
}
