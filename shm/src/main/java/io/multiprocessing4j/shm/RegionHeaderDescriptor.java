package io.multiprocessing4j.shm;

/**
 * Layout of the header at the start of every shared file. All fields are in native byte order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Magic "MP4JSHM1"                       |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Layout Major Version                     |  8
 *  +---------------------------------------------------------------+
 *  |                      Layout Minor Version                     | 12
 *  +---------------------------------------------------------------+
 *  |                          Region Type                          | 16
 *  +---------------------------------------------------------------+
 *  |                         Header Length                         | 20
 *  +---------------------------------------------------------------+
 *  |                     Capacity (data bytes)                     | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Creator Pid                          | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Creator Start Time (epoch ms)               | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Created At (epoch ms)                    | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            CRC32C of bytes 0 to 55, then 64 to 95             | 56
 *  +---------------------------------------------------------------+
 *  |          State: 0 while initialising, READY written last      | 60
 *  +---------------------------------------------------------------+
 *  |   Parts: 4 x (Kind int, Data Offset int), kind 0 = unused     | 64
 *  |                              ...                              |
 *  +---------------------------------------------------------------+
 *  |                     Label Length (bytes)                      | 96
 *  +---------------------------------------------------------------+
 *  |                   Label, UTF-8, up to 28 bytes                | 100
 *  |                              ...                              |
 *  +---------------------------------------------------------------+
 *  |                        Data (capacity bytes)                  | 128
 * </pre>
 * Everything but the state and the label is written once, before the data is zero-filled; the state is
 * release-stored as {@link #STATE_READY} after the data is initialised, and attachers trust a file
 * only once they read READY with acquire semantics. The parts say where the structures a tool can read
 * lie in the data ({@link RegionPart}). The label names the object for people; it is not covered by the
 * CRC, may be rewritten at any time (bytes first, length last with a release store), and readers must treat it as
 * untrusted text.
 */
public final class RegionHeaderDescriptor
{
    public static final long MAGIC = 0x314D48534A34504DL; // "MP4JSHM1" in little-endian byte order
    public static final int LAYOUT_MAJOR_VERSION = 2;
    public static final int LAYOUT_MINOR_VERSION = 0;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_MAJOR_OFFSET = 8;
    public static final int LAYOUT_MINOR_OFFSET = 12;
    public static final int REGION_TYPE_OFFSET = 16;
    public static final int HEADER_LENGTH_OFFSET = 20;
    public static final int CAPACITY_OFFSET = 24;
    public static final int CREATOR_PID_OFFSET = 32;
    public static final int CREATOR_START_TIME_OFFSET = 40;
    public static final int CREATED_AT_OFFSET = 48;
    public static final int CRC_OFFSET = 56;
    public static final int STATE_OFFSET = 60;
    public static final int PARTS_OFFSET = 64;
    public static final int PART_LENGTH = 8;
    public static final int PART_KIND_OFFSET = 0;
    public static final int PART_DATA_OFFSET_OFFSET = 4;
    public static final int MAX_PARTS = 4;
    public static final int LABEL_LENGTH_OFFSET = PARTS_OFFSET + MAX_PARTS * PART_LENGTH;
    public static final int LABEL_OFFSET = LABEL_LENGTH_OFFSET + Integer.BYTES;

    public static final int HEADER_LENGTH = 128;
    public static final int MAX_LABEL_BYTES = HEADER_LENGTH - LABEL_OFFSET;

    /**
     * Offset of the first data byte; 64-byte aligned, so any naturally aligned element is too.
     */
    public static final int DATA_OFFSET = HEADER_LENGTH;

    public static final int STATE_INITIALISING = 0;
    public static final int STATE_READY = 0x59444552; // "REDY"

    /**
     * Largest capacity one region can have: Agrona buffers and mappings use int indices.
     */
    public static final int MAX_CAPACITY = Integer.MAX_VALUE - 4095 - HEADER_LENGTH;

    private RegionHeaderDescriptor()
    {
    }

    public static int partOffset(final int index)
    {
        return PARTS_OFFSET + index * PART_LENGTH;
    }
}
