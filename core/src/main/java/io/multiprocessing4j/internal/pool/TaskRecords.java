package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.MessageTooLargeException;
import io.multiprocessing4j.codec.Codec;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_FUNCTION_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.TASK_VALUES_OFFSET;

/**
 * Cuts a call's arguments into TASK records ({@link PoolRecordDescriptor}), one per chunk. Stateless.
 */
public final class TaskRecords
{
    private TaskRecords()
    {
    }

    /**
     * @return one task per {@code chunksize} arguments, in order.
     * @throws io.multiprocessing4j.codec.CodecException if an argument cannot be encoded.
     * @throws MessageTooLargeException                   if a chunk's record would be too long.
     */
    public static List<PoolTask> chunks(final PoolJob job, final int functionId, final byte[] functionRecord,
        final List<Object> arguments,
        final int chunksize, final Codec codec)
    {
        final List<PoolTask> chunks = new ArrayList<>(arguments.size() / chunksize + 1);
        final ExpandableArrayBuffer encoder =
            new ExpandableArrayBuffer(TASK_VALUES_OFFSET + 64 + Long.BYTES * Math.min(chunksize, arguments.size()));
        for (int offset = 0; offset < arguments.size(); offset += chunksize)
        {
            final int count = Math.min(chunksize, arguments.size() - offset);
            final int end = PoolValues.encode(arguments.subList(offset, offset + count), encoder, TASK_VALUES_OFFSET,
                codec);
            chunks.add(new PoolTask(record(encoder, functionId, end), functionId, functionRecord, job, offset, count));
        }
        return chunks;
    }

    /**
     * @param elementKind {@link PoolRecordDescriptor#INTS}, {@code LONGS} or {@code DOUBLES}.
     * @return one SLICE task per {@code chunksize} elements of {@code source}, mapped into {@code target}.
     */
    public static List<PoolTask> slices(final PoolJob job, final int functionId, final byte[] functionRecord,
        final int elementKind,
        final int length, final String source, final String target, final int chunksize)
    {
        final List<PoolTask> chunks = new ArrayList<>(length / chunksize + 1);
        final ExpandableArrayBuffer encoder = new ExpandableArrayBuffer(TASK_VALUES_OFFSET + 256);
        for (int offset = 0; offset < length; offset += chunksize)
        {
            final int count = Math.min(chunksize, length - offset);
            final int end = PoolValues.encodeSlice(elementKind, offset, count, source, target, encoder,
                TASK_VALUES_OFFSET);
            chunks.add(new PoolTask(record(encoder, functionId, end), functionId, functionRecord, job, offset, count));
        }
        return chunks;
    }

    private static byte[] record(final ExpandableArrayBuffer encoder, final int functionId, final int end)
    {
        if (end > PoolSettings.MAX_RECORD)
        {
            throw new MessageTooLargeException(end, PoolSettings.MAX_RECORD);
        }
        encoder.putInt(TASK_FUNCTION_OFFSET, functionId);
        return Arrays.copyOf(encoder.byteArray(), end);
    }
}
