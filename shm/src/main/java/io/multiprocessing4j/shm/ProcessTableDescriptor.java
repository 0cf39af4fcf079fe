package io.multiprocessing4j.shm;

/**
 * Layout of a context's process table: {@link #MAX_PROCESSES} slots of {@link #SLOT_LENGTH} bytes (two
 * cache lines, so a slot's writes never share a line with its neighbour's), in a {@link RegionType#CONTROL}
 * region.
 * <pre>
 *  +---------------------------------------------------------------+
 *  |           Pid (0 = free), release-stored last on claim        |  0
 *  +---------------------------------------------------------------+
 *  |       Generation: incremented each time the slot is claimed   |  8
 *  +---------------------------------------------------------------+
 *  |                  Process Start Time (epoch ms)                | 16
 *  +---------------------------------------------------------------+
 *  |                      Attached At (epoch ms)                   | 24
 *  +---------------------------------------------------------------+
 *  |                        Padding to 128                         | 32
 *  +---------------------------------------------------------------+
 * </pre>
 * A slot is only ever written by the process holding its exclusive byte lock in {@link LivenessLockFile}.
 */
public final class ProcessTableDescriptor
{
    public static final int MAX_PROCESSES = 256;
    public static final int SLOT_LENGTH = 128;

    public static final int PID_OFFSET = 0;
    public static final int GENERATION_OFFSET = 8;
    public static final int START_TIME_OFFSET = 16;
    public static final int ATTACHED_AT_OFFSET = 24;

    public static final int TABLE_LENGTH = MAX_PROCESSES * SLOT_LENGTH;

    private ProcessTableDescriptor()
    {
    }

    /**
     * @return offset of a slot relative to the region's data offset.
     */
    public static int slotOffset(final int slot)
    {
        return slot * SLOT_LENGTH;
    }
}
