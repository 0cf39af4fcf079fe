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
 *  |                   CRC32C of bytes 0 to 55                     | 56
 *  +---------------------------------------------------------------+
 *  |          State: 0 while initialising, READY written last      | 60
 *  +---------------------------------------------------------------+
 *  |                     Reserved, zero, to 128                    | 64
 *  +---------------------------------------------------------------+
 *  |                        Data (capacity bytes)                  | 128
 * </pre>
 * Everything but the state is written once, before the data is zero-filled; the state is
 * release-stored as {@link #STATE_READY} after the data is initialised, and attachers trust a file
 * only once they read READY with acquire semantics.
 */
public final class RegionHeaderDescriptor
{
    public static final long MAGIC = 0x314D48534A34504DL; // "MP4JSHM1" in little-endian byte order
    public static final int LAYOUT_MAJOR_VERSION = 1;
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

    public static final int HEADER_LENGTH = 128;

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
}
