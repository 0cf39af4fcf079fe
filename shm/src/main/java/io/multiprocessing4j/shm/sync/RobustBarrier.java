package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.ProcessTable;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

import static io.multiprocessing4j.shm.sync.BarrierDescriptor.arrived;
import static io.multiprocessing4j.shm.sync.BarrierDescriptor.generation;

/**
 * A cyclic barrier in shared memory that breaks, rather than waits forever, when a waiting process dies:
 * waiters count themselves in their process's {@link ProcessCountWords} word and look for dead waiters every
 * {@value RobustLockWord#LIVENESS_CHECK_INTERVAL_NS} ns. A timeout, an interrupt, an {@link #abort()}, a
 * failing action or a dead waiter breaks the current generation: its waiters, and later arrivals until
 * {@link #reset()}, get {@link BrokenBarrierException}. Layout and ordering: {@link BarrierDescriptor}.
 * Thread-safe; this is the mechanism under the public barrier.
 */
public final class RobustBarrier
{
    private final AtomicBuffer buffer;
    private final int stateOffset;
    private final int outcomesOffset;
    private final int parties;
    private final ProcessCountWords waiters;

    /**
     * @param buffer    the mapped region.
     * @param base      offset of the layout in it, 64-byte aligned.
     * @param processes the context's process table; this process must be registered.
     * @throws IllegalStateException if the layout holds an impossible party count (a corrupt region).
     */
    public RobustBarrier(final AtomicBuffer buffer, final int base, final ProcessTable processes)
    {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        buffer.boundsCheck(base, BarrierDescriptor.length(0));
        stateOffset = base + BarrierDescriptor.STATE_OFFSET;
        outcomesOffset = base + BarrierDescriptor.OUTCOMES_OFFSET;
        final long storedParties = buffer.getLongVolatile(base + BarrierDescriptor.PARTIES_OFFSET);
        if (storedParties < 1 || storedParties > BarrierDescriptor.MAX_PARTIES)
        {
            throw new IllegalStateException("corrupt barrier: " + storedParties + " parties");
        }
        parties = (int)storedParties;
        waiters = new ProcessCountWords(buffer, base + BarrierDescriptor.WAITERS_OFFSET, processes);
        if (waiters.claimOwn() > 0)
        {
            abort();
        }
    }

    /**
     * Writes a new barrier's fields (before any other process can see it).
     */
    public static void initialize(final AtomicBuffer buffer, final int base, final int parties, final long timeoutNs)
    {
        if (parties < 1 || parties > BarrierDescriptor.MAX_PARTIES)
        {
            throw new IllegalArgumentException(
                "parties must be between 1 and " + BarrierDescriptor.MAX_PARTIES + ": " + parties);
        }
        buffer.putLong(base + BarrierDescriptor.PARTIES_OFFSET, parties);
        buffer.putLong(base + BarrierDescriptor.TIMEOUT_OFFSET, timeoutNs);
        buffer.putLongRelease(base + BarrierDescriptor.STATE_OFFSET, BarrierDescriptor.state(0, false));
    }

    public int parties()
    {
        return parties;
    }

    /**
     * @return parties waiting in the current generation (0 if it is broken).
     */
    public int waiting()
    {
        final long state = buffer.getLongVolatile(stateOffset);
        return BarrierDescriptor.isBroken(state) ? 0 : arrived(state);
    }

    public boolean isBroken()
    {
        return BarrierDescriptor.isBroken(buffer.getLongVolatile(stateOffset));
    }

    /**
     * Arrives and waits, with {@code idle}, until all parties have arrived.
     *
     * @param action run by the last party to arrive before the others are released, or {@code null}; if it
     *               throws, the barrier breaks and the exception reaches this caller.
     * @return the arrival index: 0 for the first party, {@code parties - 1} for the last.
     * @throws BrokenBarrierException if the generation breaks (or was broken) while this party waits.
     * @throws TimeoutException       if {@code deadlineNanos} passed first; the generation is then broken.
     * @throws InterruptedException   if interrupted while waiting; the generation is then broken.
     */
    public int await(final long deadlineNanos, final IdleStrategy idle, final Runnable action)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        waiters.add(1);
        try
        {
            return arriveAndWait(deadlineNanos, idle, action);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
        }
        finally
        {
            waiters.add(-1);
        }
    }

    /**
     * Breaks the current generation: its waiters and later arrivals get {@link BrokenBarrierException}.
     */
    public void abort()
    {
        while (true)
        {
            final long state = buffer.getLongVolatile(stateOffset);
            if (BarrierDescriptor.isBroken(state) || buffer.compareAndSetLong(stateOffset, state,
                BarrierDescriptor.broken(state)))
            {
                return;
            }
        }
    }

    /**
     * Starts a new generation; waiters of the current one get {@link BrokenBarrierException}.
     */
    public void reset()
    {
        while (true)
        {
            final long state = buffer.getLongVolatile(stateOffset);
            if (!BarrierDescriptor.isBroken(state) && 0 == arrived(state))
            {
                return;
            }
            if (endGeneration(state, true))
            {
                return;
            }
        }
    }

    /**
     * Breaks the barrier if a process died while waiting at it.
     *
     * @return whether one had.
     */
    public boolean breakIfAWaiterDied()
    {
        if (waiters.reclaimDead() > 0)
        {
            abort();
            return true;
        }
        return false;
    }

    private int arriveAndWait(final long deadlineNanos, final IdleStrategy idle, final Runnable action)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        idle.reset();
        long nextLivenessCheck = System.nanoTime() + RobustLockWord.LIVENESS_CHECK_INTERVAL_NS;
        int index = -1;
        long generation = 0;
        while (true)
        {
            final long state = buffer.getLongVolatile(stateOffset);
            if (index < 0)
            {
                if (BarrierDescriptor.isBroken(state))
                {
                    throw new BrokenBarrierException();
                }
                final int arrived = arrived(state);
                if (arrived < parties)
                {
                    if (buffer.compareAndSetLong(stateOffset, state, state + 1))
                    {
                        index = arrived;
                        generation = generation(state);
                        if (arrived + 1 == parties)
                        {
                            trip(state + 1, action);
                            return index;
                        }
                    }
                    continue;
                }
                generation = generation(state); // the last arrival's action is running; wait for the trip
            }
            else if (generation(state) != generation)
            {
                if (endedBroken(generation, state))
                {
                    throw new BrokenBarrierException();
                }
                return index;
            }
            else if (BarrierDescriptor.isBroken(state))
            {
                throw new BrokenBarrierException();
            }

            if (Thread.interrupted())
            {
                breakGeneration(generation);
                throw new InterruptedException("interrupted while waiting at a barrier");
            }
            final long now = System.nanoTime();
            if (now - deadlineNanos >= 0)
            {
                breakGeneration(generation);
                throw new TimeoutException("barrier of " + parties + " parties timed out");
            }
            if (now - nextLivenessCheck >= 0)
            {
                MappedFiles.checkIntact(buffer);
                breakIfAWaiterDied();
                nextLivenessCheck = now + RobustLockWord.LIVENESS_CHECK_INTERVAL_NS;
                continue;
            }
            idle.idle();
        }
    }

    private void trip(final long state, final Runnable action) throws BrokenBarrierException
    {
        if (null != action)
        {
            try
            {
                action.run();
            }
            catch (final RuntimeException | Error ex)
            {
                breakGeneration(generation(state));
                throw ex;
            }
        }
        if (!endGeneration(state, false))
        {
            throw new BrokenBarrierException();
        }
    }

    /**
     * Ends the generation of {@code state}, tripped or broken, if the state is still {@code state}.
     */
    private boolean endGeneration(final long state, final boolean broken)
    {
        final long generation = generation(state);
        recordOutcome(generation - 1, BarrierDescriptor.previousBroken(state));
        return buffer.compareAndSetLong(stateOffset, state, BarrierDescriptor.state(generation + 1, broken));
    }

    private void breakGeneration(final long generation)
    {
        while (true)
        {
            final long state = buffer.getLongVolatile(stateOffset);
            if (generation(state) != generation || BarrierDescriptor.isBroken(state) ||
                buffer.compareAndSetLong(stateOffset, state, BarrierDescriptor.broken(state)))
            {
                return;
            }
        }
    }

    private boolean endedBroken(final long generation, final long state)
    {
        if (generation(state) == generation(BarrierDescriptor.state(generation + 1, false)))
        {
            return BarrierDescriptor.previousBroken(state);
        }
        return 0 != (buffer.getLongVolatile(outcomesOffset) & BarrierDescriptor.outcomeBit(generation));
    }

    private void recordOutcome(final long generation, final boolean broken)
    {
        final long bit = BarrierDescriptor.outcomeBit(generation);
        while (true)
        {
            final long outcomes = buffer.getLongVolatile(outcomesOffset);
            final long updated = broken ? outcomes | bit : outcomes & ~bit;
            if (outcomes == updated || buffer.compareAndSetLong(outcomesOffset, outcomes, updated))
            {
                return;
            }
        }
    }
}
