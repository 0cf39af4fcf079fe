package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.ProcessTable;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;

/**
 * A mutual-exclusion word in shared memory that survives its owner's death: a process that finds the word
 * held by a dead process (by the kernel's word, through the context's {@link ProcessTable}) takes it over
 * and is told so with {@link AcquireResult#OWNER_DIED}, the {@code EOWNERDEAD} model of robust POSIX
 * mutexes. A live owner is never robbed, however long it holds the word. Layout and ordering:
 * {@link LockWordDescriptor}.
 * <p>
 * Identity is per process, not per thread: this is the mechanism under the public locks, which add
 * threads. Thread-safe; {@link #acquire} and {@link #release} may be called from any thread.
 */
public final class RobustLockWord
{
    /**
     * How an {@link #acquire} ended.
     */
    public enum AcquireResult
    {
        /** The word was free and is now ours. */
        ACQUIRED,
        /** The word was held by a process that died; it is now ours, and what it guarded may be inconsistent. */
        OWNER_DIED,
        /** The deadline passed; the word is not ours. */
        TIMED_OUT
    }

    /**
     * How often a waiter asks the kernel whether the owner still lives (a system call): often enough to
     * recover well within a second of its death, rarely enough to cost nothing.
     */
    public static final long LIVENESS_CHECK_INTERVAL_NS = 10_000_000L;

    private final AtomicBuffer buffer;
    private final int offset;
    private final ProcessTable processes;
    private final long self;

    /**
     * @param buffer    the mapped region holding the word.
     * @param offset    the word's offset, 8-byte aligned.
     * @param processes the process table of the context the word belongs to; this process must be registered.
     */
    public RobustLockWord(final AtomicBuffer buffer, final int offset, final ProcessTable processes)
    {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.processes = Objects.requireNonNull(processes, "processes");
        buffer.boundsCheck(offset, LockWordDescriptor.WORD_LENGTH);
        if (0 != (offset & (Long.BYTES - 1)))
        {
            throw new IllegalArgumentException("lock word offset must be 8-byte aligned: " + offset);
        }
        this.offset = offset;
        final int slot = processes.ownSlot();
        if (slot < 0)
        {
            throw new IllegalStateException("this process is not registered in the context's process table");
        }
        this.self = LockWordDescriptor.owner(slot, processes.generation(slot));
    }

    /**
     * @return this process's word.
     */
    public long self()
    {
        return self;
    }

    /**
     * @return the current word: {@link LockWordDescriptor#FREE} or an owner.
     */
    public long owner()
    {
        return buffer.getLongVolatile(offset);
    }

    /**
     * @return whether the word was free and is now ours (a dead owner's word is not taken here).
     */
    public boolean tryAcquire()
    {
        return buffer.compareAndSetLong(offset, LockWordDescriptor.FREE, self);
    }

    /**
     * Takes the word, waiting with {@code idle} between attempts and checking the owner's liveness as it waits.
     *
     * @param deadlineNanos {@link System#nanoTime()} after which to give up; {@code Long.MAX_VALUE} for never.
     * @param idle          how to wait between attempts (reset here).
     * @return {@link AcquireResult#ACQUIRED}, {@link AcquireResult#OWNER_DIED} or {@link AcquireResult#TIMED_OUT}.
     * @throws InterruptedException if the thread is interrupted while waiting; the word is then not ours.
     */
    public AcquireResult acquire(final long deadlineNanos, final IdleStrategy idle) throws InterruptedException
    {
        buffer.getAndAddLong(offset + LockWordDescriptor.WAITERS_OFFSET, 1);
        try
        {
            return await(deadlineNanos, idle);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
        }
        finally
        {
            buffer.getAndAddLong(offset + LockWordDescriptor.WAITERS_OFFSET, -1);
        }
    }

    /**
     * @return threads waiting in {@link #acquire} now, in every process.
     */
    public long waiters()
    {
        return buffer.getLongVolatile(offset + LockWordDescriptor.WAITERS_OFFSET);
    }

    private AcquireResult await(final long deadlineNanos, final IdleStrategy idle) throws InterruptedException
    {
        idle.reset();
        long nextLivenessCheck = System.nanoTime();
        while (true)
        {
            final long word = buffer.getLongVolatile(offset);
            if (LockWordDescriptor.FREE == word)
            {
                if (buffer.compareAndSetLong(offset, LockWordDescriptor.FREE, self))
                {
                    return AcquireResult.ACQUIRED;
                }
            }
            else if (System.nanoTime() - nextLivenessCheck >= 0)
            {
                MappedFiles.checkIntact(buffer);
                if (!isAlive(word) && buffer.compareAndSetLong(offset, word, self))
                {
                    return AcquireResult.OWNER_DIED;
                }
                nextLivenessCheck = System.nanoTime() + LIVENESS_CHECK_INTERVAL_NS;
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException("interrupted while waiting for a lock held by " + describe(word));
            }
            if (System.nanoTime() - deadlineNanos >= 0)
            {
                return AcquireResult.TIMED_OUT;
            }
            idle.idle();
        }
    }

    /**
     * Frees the word if this process holds it.
     *
     * @return false if it was not ours (free, or held by another process).
     */
    public boolean release()
    {
        return buffer.compareAndSetLong(offset, self, LockWordDescriptor.FREE);
    }

    /**
     * Frees the word whoever holds it, as Python's {@code Lock.release()} may be called by any process.
     *
     * @return false if it was already free.
     */
    public boolean releaseAny()
    {
        return LockWordDescriptor.FREE != buffer.getAndSetLong(offset, LockWordDescriptor.FREE);
    }

    /**
     * @return whether the process that {@code word} names is attached and alive.
     */
    public boolean isAlive(final long word)
    {
        return self == word || processes.isAlive(LockWordDescriptor.slot(word), LockWordDescriptor.generation(word));
    }

    /**
     * @return the owner as text, with its pid, for messages.
     */
    public String describe(final long word)
    {
        if (LockWordDescriptor.FREE == word)
        {
            return "nobody";
        }
        final int slot = LockWordDescriptor.slot(word);
        return "slot " + slot + " generation " + LockWordDescriptor.generation(word) + " (pid " + processes.pid(slot) +
            ")";
    }
}
