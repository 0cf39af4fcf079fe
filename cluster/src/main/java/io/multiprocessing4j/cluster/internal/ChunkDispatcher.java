package io.multiprocessing4j.cluster.internal;

import io.multiprocessing4j.internal.pool.PoolJob;
import io.multiprocessing4j.internal.pool.PoolTask;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Which member holds which chunk of a cluster pool, within each member's window, and the pool's phase. One lock
 * (this object's monitor), held only to decide: the engine seals and sends chunks, and completes jobs, after it is
 * let go. Thread-safe.
 */
final class ChunkDispatcher
{
    private final ArrayDeque<RemoteChunk> pending = new ArrayDeque<>();
    private final Map<UUID, MemberSlot> members = new LinkedHashMap<>();
    private long nextTaskId;
    private int held;
    private boolean closed;
    private boolean terminated;

    /**
     * @throws IllegalStateException if the pool is closed.
     */
    synchronized void enqueue(final List<PoolTask> tasks)
    {
        checkRunning();
        for (final PoolTask task : tasks)
        {
            task.number(++nextTaskId);
            pending.add(new RemoteChunk(task));
        }
    }

    synchronized void checkRunning()
    {
        if (closed)
        {
            throw new IllegalStateException("the cluster pool is closed");
        }
    }

    synchronized void addMember(final MemberSlot slot)
    {
        if (!terminated)
        {
            members.putIfAbsent(slot.member.getUuid(), slot); // admitted twice if it joined as the pool connected
        }
    }

    /**
     * Hands waiting chunks to members with room, the emptiest first.
     */
    synchronized List<RemoteChunk.Assignment> assign()
    {
        List<RemoteChunk.Assignment> assigned = List.of();
        while (!pending.isEmpty() && !terminated)
        {
            MemberSlot best = null;
            for (final MemberSlot slot : members.values())
            {
                if (slot.room() > 0 && (null == best || slot.room() > best.room()))
                {
                    best = slot;
                }
            }
            if (null == best)
            {
                break;
            }
            final RemoteChunk chunk = pending.poll();
            chunk.holder = best;
            chunk.stamp++;
            best.held.add(chunk);
            held++;
            if (assigned.isEmpty())
            {
                assigned = new ArrayList<>();
            }
            assigned.add(new RemoteChunk.Assignment(chunk, best, chunk.stamp,
                !best.functions.contains(chunk.task.functionId())));
        }
        return assigned;
    }

    /**
     * The member answered: the chunk is done, and the member has its function.
     *
     * @return whether this was the chunk's current hand-over (not one already given up).
     */
    synchronized boolean answered(final RemoteChunk.Assignment assignment)
    {
        if (!release(assignment))
        {
            return false;
        }
        assignment.slot().functions.add(assignment.chunk().task.functionId());
        return true;
    }

    /**
     * The member did not have the chunk's function (it forgot it): the chunk waits again, first, to be sent with it.
     */
    synchronized void resendWithFunction(final RemoteChunk.Assignment assignment)
    {
        if (release(assignment))
        {
            assignment.slot().functions.remove(assignment.chunk().task.functionId());
            pending.addFirst(assignment.chunk());
        }
    }

    /**
     * The chunk failed for a reason other than its member leaving.
     *
     * @return whether this was the chunk's current hand-over.
     */
    synchronized boolean failed(final RemoteChunk.Assignment assignment)
    {
        return release(assignment);
    }

    /**
     * Forgets a member, and gives back the chunks it held: those {@code retries} allows wait again, first.
     *
     * @return the chunks to fail: those it held with no retry left, and every waiting one if no member is left;
     * {@code null} if the member was forgotten before (or never admitted).
     */
    synchronized Departure memberLeft(final UUID member, final int retries)
    {
        final MemberSlot slot = members.remove(member);
        if (null == slot)
        {
            return null;
        }
        final List<RemoteChunk> failed = new ArrayList<>();
        for (final RemoteChunk chunk : slot.held)
        {
            chunk.holder = null;
            held--;
            if (++chunk.attempts <= retries)
            {
                pending.addFirst(chunk);
            }
            else
            {
                failed.add(chunk);
            }
        }
        slot.held.clear();
        if (members.isEmpty())
        {
            failed.addAll(pending);
            pending.clear();
        }
        notifyAll();
        return new Departure(slot.toString(), failed, !members.isEmpty());
    }

    /**
     * Withdraws a failed or cancelled job's chunks that no member holds.
     */
    synchronized void withdraw(final PoolJob job)
    {
        pending.removeIf(chunk -> chunk.task.job() == job);
        notifyAll();
    }

    /**
     * @return whether the pool has a member that proved the key.
     */
    synchronized boolean hasMembers()
    {
        return !members.isEmpty();
    }

    /**
     * @return the worker threads of all members.
     */
    synchronized int workers()
    {
        int workers = 0;
        for (final MemberSlot slot : members.values())
        {
            workers += slot.workers;
        }
        return Math.max(1, workers);
    }

    synchronized List<Long> pids()
    {
        final List<Long> pids = new ArrayList<>();
        members.values().forEach(slot -> pids.add(slot.pid));
        return pids;
    }

    /**
     * @return whether no chunk was waiting or held within {@code timeoutNanos}.
     */
    synchronized boolean awaitIdle(final long timeoutNanos) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (!pending.isEmpty() || held > 0)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Takes no more chunks.
     *
     * @return whether this call closed it.
     */
    synchronized boolean close()
    {
        final boolean was = closed;
        closed = true;
        return !was;
    }

    /**
     * @return every chunk not done, for their jobs to be cancelled.
     */
    synchronized List<RemoteChunk> terminate()
    {
        closed = true;
        terminated = true;
        final List<RemoteChunk> all = new ArrayList<>(pending);
        pending.clear();
        for (final MemberSlot slot : members.values())
        {
            for (final RemoteChunk chunk : slot.held)
            {
                chunk.holder = null;
                all.add(chunk);
            }
            slot.held.clear();
        }
        held = 0;
        notifyAll();
        return all;
    }

    @Override
    public synchronized String toString()
    {
        return "ClusterPool[" + members.size() + " members, " + pending.size() + " chunks waiting, " + held +
            " at members]";
    }

    /**
     * A member that left: its name, the chunks to fail, and whether any member is left.
     */
    record Departure(String member, List<RemoteChunk> failed, boolean membersLeft)
    {
    }

    private boolean release(final RemoteChunk.Assignment assignment)
    {
        final RemoteChunk chunk = assignment.chunk();
        if (chunk.holder != assignment.slot() || chunk.stamp != assignment.stamp())
        {
            return false;
        }
        chunk.holder = null;
        assignment.slot().held.remove(chunk);
        held--;
        notifyAll();
        return true;
    }
}
