package io.multiprocessing4j.shm;

/**
 * What a region holds. The id is stored in the region header; the element size constrains its capacity.
 */
public enum RegionType
{
    CONTROL(1, 1, "control"),
    INT(2, Integer.BYTES, "int"),
    LONG(3, Long.BYTES, "long"),
    DOUBLE(4, Double.BYTES, "double"),
    INT_ARRAY(5, Integer.BYTES, "int-array"),
    LONG_ARRAY(6, Long.BYTES, "long-array"),
    DOUBLE_ARRAY(7, Double.BYTES, "double-array"),
    BYTE_ARRAY(8, Byte.BYTES, "byte-array"),
    /** Words of synchronization primitives: locks, semaphores, events, barriers (see {@code shm.sync}). */
    SYNC(9, Long.BYTES, "sync"),
    /** A message ring and the state of its ends (see {@code shm.ring}). */
    RING(10, Long.BYTES, "ring"),
    /** One process's distinct errors, in Agrona's {@code DistinctErrorLog} layout (see {@link ContextErrorLog}). */
    ERROR_LOG(11, Long.BYTES, "errors");

    private static final RegionType[] BY_ID = new RegionType[12];

    static
    {
        for (final RegionType type : values())
        {
            BY_ID[type.id] = type;
        }
    }

    private final int id;
    private final int elementSize;
    private final String fileNamePrefix;

    RegionType(final int id, final int elementSize, final String fileNamePrefix)
    {
        this.id = id;
        this.elementSize = elementSize;
        this.fileNamePrefix = fileNamePrefix;
    }

    public int id()
    {
        return id;
    }

    /**
     * @return bytes per element; a region's capacity is a multiple of it.
     */
    public int elementSize()
    {
        return elementSize;
    }

    public String fileNamePrefix()
    {
        return fileNamePrefix;
    }

    /**
     * @return the type with this id, or null when the id is unknown.
     */
    public static RegionType fromId(final int id)
    {
        return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
