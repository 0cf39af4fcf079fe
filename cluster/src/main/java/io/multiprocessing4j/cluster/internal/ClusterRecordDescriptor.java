package io.multiprocessing4j.cluster.internal;

/**
 * The byte arrays a driver and its members exchange through Hazelcast's executor, each sealed with an
 * HMAC-SHA256 code ({@link ClusterKey}) over everything after the code. Little-endian, offsets from the start:
 * <pre>
 * task (driver -> member), domain TASK
 *   0 code (32 bytes) | 32 pool id (2 longs) | 48 function record length (int, 0 if absent) | 52 unused |
 *   56 the pool's FUNCTION record, if present, then its TASK record (PoolRecordDescriptor) to the end
 *
 * result (member -> driver), domain RESULT
 *   0 code | 32 pool id (2 longs) | 48 status (int): DONE, or NO_FUNCTION when the task named a function the
 *   member does not hold and did not carry it | 52 unused | 56 the RESULT record (PoolRecordDescriptor), if DONE
 *
 * proof (member -> driver, answering a challenge of 32 fresh random bytes), domain PROOF
 *   0 code | 32 the challenge (32 bytes) | 64 the member's pid (long) | 72 workers (int) | 76 the member's UUID,
 *   as a string (int length, UTF-8 bytes)
 * </pre>
 * A receiver checks the code before it reads anything else, and refuses what does not verify.
 */
public final class ClusterRecordDescriptor
{
    public static final int POOL_ID_OFFSET = ClusterKey.MAC_LENGTH;
    public static final int FUNCTION_LENGTH_OFFSET = 48;
    public static final int STATUS_OFFSET = 48;
    public static final int BODY_OFFSET = 56;

    public static final int DONE = 0;
    public static final int NO_FUNCTION = 1;

    public static final int CHALLENGE_LENGTH = 32;
    public static final int CHALLENGE_OFFSET = ClusterKey.MAC_LENGTH;
    public static final int PID_OFFSET = CHALLENGE_OFFSET + CHALLENGE_LENGTH;
    public static final int WORKERS_OFFSET = PID_OFFSET + Long.BYTES;
    public static final int MEMBER_UUID_OFFSET = WORKERS_OFFSET + Integer.BYTES;

    private ClusterRecordDescriptor()
    {
    }
}
