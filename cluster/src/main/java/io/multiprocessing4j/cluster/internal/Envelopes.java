package io.multiprocessing4j.cluster.internal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.BODY_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.CHALLENGE_LENGTH;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.CHALLENGE_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.FUNCTION_LENGTH_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.MEMBER_UUID_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.PID_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.POOL_ID_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.STATUS_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.WORKERS_OFFSET;

/**
 * Writes the sealed arrays of {@link ClusterRecordDescriptor}, and reads the pool id of one. Stateless.
 */
public final class Envelopes
{
    private Envelopes()
    {
    }

    /**
     * @param functionRecord the FUNCTION record to carry, or {@code null}.
     */
    public static byte[] task(final ClusterKey key, final UUID pool, final byte[] functionRecord,
        final byte[] taskRecord)
    {
        final int functionLength = null == functionRecord ? 0 : functionRecord.length;
        final byte[] sealed = new byte[BODY_OFFSET + functionLength + taskRecord.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(sealed);
        putPool(buffer, pool);
        buffer.putInt(FUNCTION_LENGTH_OFFSET, functionLength);
        if (0 != functionLength)
        {
            buffer.putBytes(BODY_OFFSET, functionRecord);
        }
        buffer.putBytes(BODY_OFFSET + functionLength, taskRecord);
        key.seal(ClusterKey.TASK, sealed);
        return sealed;
    }

    /**
     * @param record a RESULT record in {@code [BODY_OFFSET, end)} of {@code buffer}, or nothing there.
     */
    public static byte[] result(final ClusterKey key, final long poolMost, final long poolLeast, final int status,
        final DirectBuffer record, final int end)
    {
        final byte[] sealed = new byte[Math.max(BODY_OFFSET, end)];
        final UnsafeBuffer buffer = new UnsafeBuffer(sealed);
        if (end > BODY_OFFSET)
        {
            buffer.putBytes(BODY_OFFSET, record, BODY_OFFSET, end - BODY_OFFSET);
        }
        buffer.putLong(POOL_ID_OFFSET, poolMost);
        buffer.putLong(POOL_ID_OFFSET + Long.BYTES, poolLeast);
        buffer.putInt(STATUS_OFFSET, status);
        key.seal(ClusterKey.RESULT, sealed);
        return sealed;
    }

    public static byte[] proof(final ClusterKey key, final byte[] challenge, final long pid, final int workers,
        final UUID member)
    {
        final byte[] uuid = member.toString().getBytes(StandardCharsets.UTF_8);
        final byte[] sealed = new byte[MEMBER_UUID_OFFSET + Integer.BYTES + uuid.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(sealed);
        buffer.putBytes(CHALLENGE_OFFSET, challenge, 0, CHALLENGE_LENGTH);
        buffer.putLong(PID_OFFSET, pid);
        buffer.putInt(WORKERS_OFFSET, workers);
        buffer.putInt(MEMBER_UUID_OFFSET, uuid.length);
        buffer.putBytes(MEMBER_UUID_OFFSET + Integer.BYTES, uuid);
        key.seal(ClusterKey.PROOF, sealed);
        return sealed;
    }

    /**
     * @return whether a sealed task or result names {@code pool}.
     */
    public static boolean isOf(final DirectBuffer sealed, final UUID pool)
    {
        return sealed.getLong(POOL_ID_OFFSET) == pool.getMostSignificantBits() &&
            sealed.getLong(POOL_ID_OFFSET + Long.BYTES) == pool.getLeastSignificantBits();
    }

    private static void putPool(final UnsafeBuffer buffer, final UUID pool)
    {
        buffer.putLong(POOL_ID_OFFSET, pool.getMostSignificantBits());
        buffer.putLong(POOL_ID_OFFSET + Long.BYTES, pool.getLeastSignificantBits());
    }
}
