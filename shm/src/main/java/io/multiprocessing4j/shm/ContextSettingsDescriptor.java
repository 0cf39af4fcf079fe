package io.multiprocessing4j.shm;

/**
 * Layout of a context's settings, which follow its process table in the {@link RegionType#CONTROL} region:
 * <pre>
 *   SEQUENCE_OFFSET       long  even when stable, odd while a process rewrites the fields below
 *   IDLE_KIND_OFFSET      long  0 when unset (every process then uses its own configured policy), else kind + 1
 *   IDLE_SPINS_OFFSET     long
 *   IDLE_YIELDS_OFFSET    long
 *   IDLE_MIN_PARK_OFFSET  long  ns
 *   IDLE_MAX_PARK_OFFSET  long  ns
 * </pre>
 * A writer CASes the sequence from even to odd, stores the fields, then release-stores the next even value;
 * a reader retries until it sees the same even sequence before and after reading them.
 */
final class ContextSettingsDescriptor
{
    static final int OFFSET = ProcessTableDescriptor.TABLE_LENGTH;
    static final int SEQUENCE_OFFSET = 0;
    static final int IDLE_KIND_OFFSET = 8;
    static final int IDLE_SPINS_OFFSET = 16;
    static final int IDLE_YIELDS_OFFSET = 24;
    static final int IDLE_MIN_PARK_OFFSET = 32;
    static final int IDLE_MAX_PARK_OFFSET = 40;
    static final int LENGTH = 64;

    static final int CONTROL_LENGTH = OFFSET + LENGTH;

    private ContextSettingsDescriptor()
    {
    }
}
