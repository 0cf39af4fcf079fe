package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.internal.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;

import static io.multiprocessing4j.shm.ProcessTableDescriptor.*;

/**
 * The processes attached to a context, and whether each is still alive. Liveness is the kernel's word:
 * a slot is live while its process holds the slot's byte lock in {@link LivenessLockFile}; pid and start
 * time are kept for messages only, so pid reuse cannot fool a check. A slot's generation changes each
 * time it is claimed, so {@code (slot, generation)} names one process for the life of the context.
 * Thread-safe and process-safe.
 */
public final class ProcessTable
{
    private final MappedRegion region;
    private final LivenessLockFile locks;
    private volatile int ownSlot = -1;

    ProcessTable(final MappedRegion region, final LivenessLockFile locks)
    {
        this.region = region;
        this.locks = locks;
    }

    /**
     * Claim the first slot whose byte lock is free (its last holder left or died) for this process.
     *
     * @return the lock that keeps the slot ours; releasing it (or dying) gives the slot up.
     */
    FileLock register() throws IOException
    {
        for (int slot = 0; slot < MAX_PROCESSES; slot++)
        {
            final FileLock lock = locks.tryHoldSlot(slot);
            if (null != lock)
            {
                final AtomicBuffer buffer = region.buffer();
                final int offset = region.dataOffset() + slotOffset(slot);
                buffer.putLong(offset + START_TIME_OFFSET, ProcessIdentity.startTimeMs());
                buffer.putLong(offset + ATTACHED_AT_OFFSET, System.currentTimeMillis());
                buffer.putLongRelease(offset + GENERATION_OFFSET, buffer.getLong(offset + GENERATION_OFFSET) + 1);
                buffer.putLongRelease(offset + PID_OFFSET, ProcessIdentity.pid());
                ownSlot = slot;
                return lock;
            }
        }
        throw new ShmException("process table of " + region.path().getParent() + " is full: " + MAX_PROCESSES +
            " processes are attached");
    }

    void deregister(final FileLock lock) throws IOException
    {
        final int slot = ownSlot;
        if (slot >= 0)
        {
            region.buffer().putLongRelease(region.dataOffset() + slotOffset(slot) + PID_OFFSET, 0);
            ownSlot = -1;
        }
        lock.release();
    }

    /**
     * @return this process's slot, or -1 when it is not registered.
     */
    public int ownSlot()
    {
        return ownSlot;
    }

    /**
     * @return true while the process that claimed {@code slot} as {@code generation} is attached and alive.
     */
    public boolean isAlive(final int slot, final long generation)
    {
        return isAlive(slot) && generation(slot) == generation;
    }

    /**
     * @return true while some live process holds {@code slot}.
     */
    public boolean isAlive(final int slot)
    {
        checkSlot(slot);
        if (slot == ownSlot)
        {
            return true;
        }
        if (0 == pid(slot))
        {
            return false;
        }
        try
        {
            return !locks.isSlotFree(slot);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot probe liveness of slot " + slot, ex);
        }
    }

    /**
     * @return the pid last recorded in {@code slot}, 0 if it is free.
     */
    public long pid(final int slot)
    {
        return region.buffer().getLongAcquire(offset(slot) + PID_OFFSET);
    }

    public long generation(final int slot)
    {
        return region.buffer().getLongAcquire(offset(slot) + GENERATION_OFFSET);
    }

    public long startTimeMs(final int slot)
    {
        return region.buffer().getLong(offset(slot) + START_TIME_OFFSET);
    }

    private int offset(final int slot)
    {
        checkSlot(slot);
        return region.dataOffset() + slotOffset(slot);
    }

    private static void checkSlot(final int slot)
    {
        if (slot < 0 || slot >= MAX_PROCESSES)
        {
            throw new IllegalArgumentException("slot must be in [0, " + MAX_PROCESSES + "): slot=" + slot);
        }
    }
}
