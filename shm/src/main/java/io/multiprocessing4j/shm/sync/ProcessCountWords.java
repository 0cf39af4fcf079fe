package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.ProcessTable;
import io.multiprocessing4j.shm.ProcessTableDescriptor;
import org.agrona.concurrent.AtomicBuffer;

import java.util.Objects;

/**
 * One count per process slot of a context, each on a cache line of its own and stamped with the generation
 * of the process that owns it, so that the count a dead process left (permits it held, threads it had
 * waiting) can be found and taken back exactly once:
 * <pre>
 *   base + 64 * slot   long  generation (40 bits) | count (24 bits)
 * </pre>
 * A process changes only its own word, by atomic adds; others change it only by a CAS that zeroes the count
 * of a dead owner. Thread-safe.
 */
public final class ProcessCountWords
{
    public static final int STRIDE = 64;
    public static final int LENGTH = STRIDE * ProcessTableDescriptor.MAX_PROCESSES;
    public static final long MAX_COUNT = (1L << 24) - 1;

    private static final int COUNT_BITS = 24;
    private static final long GENERATION_LIMIT = 1L << (Long.SIZE - COUNT_BITS);

    private final AtomicBuffer buffer;
    private final int base;
    private final ProcessTable processes;
    private final int slot;
    private final long generation;
    private final int ownOffset;

    /**
     * @param buffer    the mapped region.
     * @param base      offset of the words in it, 64-byte aligned, {@link #LENGTH} bytes.
     * @param processes the context's process table; this process must be registered.
     */
    public ProcessCountWords(final AtomicBuffer buffer, final int base, final ProcessTable processes)
    {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.processes = Objects.requireNonNull(processes, "processes");
        buffer.boundsCheck(base, LENGTH);
        this.base = base;
        slot = processes.ownSlot();
        if (slot < 0)
        {
            throw new IllegalStateException("this process is not registered in the context's process table");
        }
        generation = processes.generation(slot);
        ownOffset = base + offset(slot);
    }

    public static int offset(final int slot)
    {
        return STRIDE * slot;
    }

    public static long word(final long generation, final long count)
    {
        return ((generation % GENERATION_LIMIT) << COUNT_BITS) | count;
    }

    public static long count(final long word)
    {
        return word & MAX_COUNT;
    }

    /**
     * @return whether {@code word} was stamped by {@code generation} (compared as stored, modulo 2^40).
     */
    public static boolean stampedBy(final long word, final long generation)
    {
        return word >>> COUNT_BITS == generation % GENERATION_LIMIT;
    }

    /**
     * Stamps this process's word with its generation, if a previous owner of the slot (now dead) had not.
     *
     * @return the count that previous owner left, now taken back.
     */
    public long claimOwn()
    {
        while (true)
        {
            final long word = buffer.getLongVolatile(ownOffset);
            if (stampedBy(word, generation))
            {
                return 0;
            }
            if (buffer.compareAndSetLong(ownOffset, word, word(generation, 0)))
            {
                return count(word);
            }
        }
    }

    /**
     * @return this process's count.
     */
    public long own()
    {
        return count(buffer.getLongVolatile(ownOffset));
    }

    /**
     * Adds {@code delta} to this process's count; the caller keeps it within 0..{@link #MAX_COUNT}.
     */
    public void add(final long delta)
    {
        buffer.getAndAddLong(ownOffset, delta);
    }

    /**
     * @return whether this process's count was positive and is now one less.
     */
    public boolean decrementIfPositive()
    {
        while (true)
        {
            final long word = buffer.getLongVolatile(ownOffset);
            if (0 == count(word))
            {
                return false;
            }
            if (buffer.compareAndSetLong(ownOffset, word, word - 1))
            {
                return true;
            }
        }
    }

    /**
     * Zeroes the count of every slot whose owner has died (asking the kernel only about non-zero counts).
     *
     * @return the sum of the counts taken back.
     */
    public long reclaimDead()
    {
        long reclaimed = 0;
        for (int other = 0; other < ProcessTableDescriptor.MAX_PROCESSES; other++)
        {
            final int offset = base + offset(other);
            final long word = buffer.getLongVolatile(offset);
            final long count = count(word);
            if (count > 0 && other != slot && !isAlive(other, word) &&
                buffer.compareAndSetLong(offset, word, word - count))
            {
                reclaimed += count;
            }
        }
        return reclaimed;
    }

    /**
     * @return the sum of the counts of live processes, this one included.
     */
    public long liveTotal()
    {
        long total = 0;
        for (int other = 0; other < ProcessTableDescriptor.MAX_PROCESSES; other++)
        {
            final long word = buffer.getLongVolatile(base + offset(other));
            if (count(word) > 0 && (other == slot || isAlive(other, word)))
            {
                total += count(word);
            }
        }
        return total;
    }

    private boolean isAlive(final int otherSlot, final long word)
    {
        return processes.isAlive(otherSlot) && stampedBy(word, processes.generation(otherSlot));
    }
}
