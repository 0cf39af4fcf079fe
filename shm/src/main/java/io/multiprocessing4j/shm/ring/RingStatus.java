package io.multiprocessing4j.shm.ring;

/**
 * How a blocking ring operation ended.
 */
public enum RingStatus
{
    /** The message was sent or received. */
    DONE,
    /** The deadline passed first; nothing was sent or received. */
    TIMED_OUT,
    /** The other end was closed, or the process holding it died, and nothing more can arrive or be read. */
    PEER_GONE
}
