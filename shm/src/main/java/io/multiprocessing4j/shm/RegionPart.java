package io.multiprocessing4j.shm;

import java.util.Objects;

/**
 * One structure a tool can read inside a region's data, recorded in the region's header
 * ({@link RegionHeaderDescriptor#PARTS_OFFSET}) when the region is created. Immutable.
 *
 * @param offset where the structure starts, from the first data byte; 8-byte aligned.
 */
public record RegionPart(Kind kind, int offset)
{
    /**
     * What a part is; each names the layout a reader applies at its offset.
     */
    public enum Kind
    {
        /** A ring and the state of its two ends: {@link io.multiprocessing4j.shm.ring.RingDescriptor}. */
        RING(1),
        /** A robust lock word and its waiter count: {@link io.multiprocessing4j.shm.sync.LockWordDescriptor}. */
        LOCK(2),
        /** {@link io.multiprocessing4j.shm.sync.SemaphoreDescriptor}. */
        SEMAPHORE(3),
        /** {@link io.multiprocessing4j.shm.sync.BarrierDescriptor}. */
        BARRIER(4),
        /** {@link io.multiprocessing4j.shm.sync.ConditionDescriptor}. */
        CONDITION(5),
        /** {@link io.multiprocessing4j.shm.sync.EventDescriptor}. */
        EVENT(6),
        /** Work handed to a worker and finished by it: {@link WorkCountsDescriptor}. */
        WORK_COUNTS(7);

        private final int id;

        Kind(final int id)
        {
            this.id = id;
        }

        public int id()
        {
            return id;
        }

        /**
         * @return the kind with this id, or null for an unknown one.
         */
        public static Kind fromId(final int id)
        {
            for (final Kind kind : values())
            {
                if (kind.id == id)
                {
                    return kind;
                }
            }
            return null;
        }
    }

    public RegionPart
    {
        Objects.requireNonNull(kind, "kind");
        if (offset < 0 || 0 != (offset & (Long.BYTES - 1)))
        {
            throw new IllegalArgumentException("a part's offset must be 8-byte aligned and >= 0: " + offset);
        }
    }

    public static RegionPart of(final Kind kind, final int offset)
    {
        return new RegionPart(kind, offset);
    }
}
