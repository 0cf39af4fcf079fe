package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.internal.value.ValueFormat;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.lang.reflect.Array;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.COUNT_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.DOUBLES;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FAILURE;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.INTS;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.KIND_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.LIST;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.LONGS;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.OBJECTS;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.PAYLOAD_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.RECORDS;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.SLICE;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.SLICE_ELEMENT_KIND_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.SLICE_FROM_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.SLICE_HANDLES_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.WRITTEN;

/**
 * Writes and reads the values block of a pool record ({@link PoolRecordDescriptor}), in the one value format
 * ({@link ValueFormat}): a chunk of boxed {@code Integer}s, {@code Long}s or {@code Double}s travels as a primitive
 * array, a chunk of records of one class with a layout as {@link ValueFormat#RECORDS} (one class name and
 * descriptor, then the rows), a chunk of other values that all have tags of their own as a {@link ValueFormat#LIST},
 * anything else as one codec call for the chunk. Stateless and thread-safe.
 */
public final class PoolValues
{
    /** What {@link #decode} returns for a {@link PoolRecordDescriptor#WRITTEN} block. */
    public static final Object WRITTEN_TO_TARGET = new Object();

    private PoolValues()
    {
    }

    /**
     * Writes {@code values} as a values block at {@code offset}.
     *
     * @return where the block ends.
     * @throws io.multiprocessing4j.codec.CodecException if a value cannot be encoded.
     */
    public static int encode(final List<?> values, final MutableDirectBuffer buffer, final int offset,
        final Codec codec)
    {
        final int count = values.size();
        final int kind = valuesKind(values);
        int at = header(buffer, offset, kind, count);
        switch (kind)
        {
            case INTS:
                for (int i = 0; i < count; i++, at += Integer.BYTES)
                {
                    buffer.putInt(at, (Integer)values.get(i));
                }
                return at;
            case LONGS:
                for (int i = 0; i < count; i++, at += Long.BYTES)
                {
                    buffer.putLong(at, (Long)values.get(i));
                }
                return at;
            case DOUBLES:
                for (int i = 0; i < count; i++, at += Double.BYTES)
                {
                    buffer.putDouble(at, (Double)values.get(i));
                }
                return at;
            case LIST:
            case RECORDS:
                return ValueFormat.writePayload(kind, values, buffer, offset + COUNT_OFFSET, codec);
            default:
                return ValueFormat.writePayload(OBJECTS, values instanceof ArrayList ? values : new ArrayList<>(values),
                    buffer, at, codec);
        }
    }

    /**
     * @param values ints, longs or doubles: an {@code int[]}, {@code long[]} or {@code double[]}.
     * @return where the block ends.
     */
    public static int encodePrimitives(final Object values, final MutableDirectBuffer buffer, final int offset)
    {
        final int kind = ValueFormat.tagOf(values);
        final int at = header(buffer, offset, kind, Array.getLength(values));
        return ValueFormat.writePayload(kind, values, buffer, at, null);
    }

    /**
     * @param elementKind {@link PoolRecordDescriptor#INTS}, {@code LONGS} or {@code DOUBLES}.
     * @param target      the array the results go to, or {@code ""} for results in the result record.
     * @return where the block ends.
     */
    public static int encodeSlice(final int elementKind, final int from, final int count, final String source,
        final String target, final MutableDirectBuffer buffer, final int offset)
    {
        final int at = header(buffer, offset, SLICE, count);
        buffer.putInt(at + SLICE_ELEMENT_KIND_OFFSET, elementKind);
        buffer.putInt(at + SLICE_FROM_OFFSET, from);
        final int next = at + SLICE_HANDLES_OFFSET + buffer.putStringUtf8(at + SLICE_HANDLES_OFFSET, source);
        return next + buffer.putStringUtf8(next, target);
    }

    public static int encodeWritten(final int count, final MutableDirectBuffer buffer, final int offset)
    {
        return header(buffer, offset, WRITTEN, count);
    }

    /**
     * @throws io.multiprocessing4j.codec.CodecException if the codec cannot encode {@code failure}.
     */
    public static int encodeFailure(final Throwable failure, final MutableDirectBuffer buffer, final int offset,
        final Codec codec)
    {
        final int at = header(buffer, offset, FAILURE, 0);
        return ValueFormat.writePayload(OBJECTS, failure, buffer, at, codec);
    }

    /**
     * Reads the values block in {@code [offset, end)}.
     *
     * @return an {@code int[]}, {@code long[]} or {@code double[]}, a {@code List} (through the codec), a
     * {@link Slice}, {@link #WRITTEN_TO_TARGET}, or the {@link Throwable} of a failure.
     * @throws IllegalStateException if the block is not well formed.
     * @throws io.multiprocessing4j.codec.CodecException if the codec cannot decode it.
     */
    public static Object decode(final DirectBuffer buffer, final int offset, final int end, final Codec codec)
    {
        if (end - offset < PAYLOAD_OFFSET)
        {
            throw new IllegalStateException("corrupt pool record: a values block of " + (end - offset) + " bytes");
        }
        final int kind = buffer.getInt(offset + KIND_OFFSET);
        final int count = buffer.getInt(offset + COUNT_OFFSET);
        final int at = offset + PAYLOAD_OFFSET;
        final long room = end - at;
        if (count < 0)
        {
            throw new IllegalStateException("corrupt pool record: count " + count);
        }
        switch (kind)
        {
            case INTS:
            case LONGS:
            case DOUBLES:
            {
                final long bytes = (long)count * (INTS == kind ? Integer.BYTES : Long.BYTES);
                checkRoom(bytes, room);
                return ValueFormat.readPayload(kind, buffer, at, (int)bytes, null);
            }
            case LIST:
            case RECORDS:
                return ValueFormat.readPayload(kind, buffer, offset + COUNT_OFFSET, end - offset - COUNT_OFFSET, codec);
            case OBJECTS:
            {
                final Object values = ValueFormat.readPayload(OBJECTS, buffer, at, end - at, codec);
                if (!(values instanceof List) || ((List<?>)values).size() != count)
                {
                    throw new IllegalStateException("corrupt pool record: expected a list of " + count + " values");
                }
                return values;
            }
            case SLICE:
            {
                checkRoom(SLICE_HANDLES_OFFSET + 2L * Integer.BYTES, room);
                final int sourceLength = buffer.getInt(at + SLICE_HANDLES_OFFSET);
                checkRoom(SLICE_HANDLES_OFFSET + 2L * Integer.BYTES + Math.max(0, sourceLength), room);
                final String source = buffer.getStringUtf8(at + SLICE_HANDLES_OFFSET);
                final String target = buffer.getStringUtf8(at + SLICE_HANDLES_OFFSET + Integer.BYTES + sourceLength);
                return new Slice(buffer.getInt(at + SLICE_ELEMENT_KIND_OFFSET), buffer.getInt(at + SLICE_FROM_OFFSET),
                    count, source, target);
            }
            case WRITTEN:
                return WRITTEN_TO_TARGET;
            case FAILURE:
            {
                final Object failure = ValueFormat.readPayload(OBJECTS, buffer, at, end - at, codec);
                if (!(failure instanceof Throwable))
                {
                    throw new IllegalStateException("corrupt pool record: a failure that is not a Throwable");
                }
                return failure;
            }
            default:
                throw new IllegalStateException("corrupt pool record: unknown values kind " + kind);
        }
    }

    /**
     * @param values what {@link #decode} returned for arguments or results (not a slice or a failure).
     * @return them as a list, boxing primitives as they are read.
     */
    @SuppressWarnings("unchecked")
    public static List<Object> boxed(final Object values)
    {
        if (values instanceof int[])
        {
            final int[] ints = (int[])values;
            return new AbstractList<>()
            {
                public Object get(final int index)
                {
                    return ints[index];
                }

                public int size()
                {
                    return ints.length;
                }
            };
        }
        if (values instanceof long[])
        {
            final long[] longs = (long[])values;
            return new AbstractList<>()
            {
                public Object get(final int index)
                {
                    return longs[index];
                }

                public int size()
                {
                    return longs.length;
                }
            };
        }
        if (values instanceof double[])
        {
            final double[] doubles = (double[])values;
            return new AbstractList<>()
            {
                public Object get(final int index)
                {
                    return doubles[index];
                }

                public int size()
                {
                    return doubles.length;
                }
            };
        }
        return (List<Object>)values;
    }

    private static int valuesKind(final List<?> values)
    {
        final int kind = numberKind(values);
        if (OBJECTS != kind || values.isEmpty())
        {
            return kind;
        }
        final int tag = ValueFormat.listTag(values);
        return ValueFormat.CODEC == tag ? OBJECTS : tag;
    }

    private static int numberKind(final List<?> values)
    {
        if (values.isEmpty())
        {
            return OBJECTS;
        }
        final Object first = values.get(0);
        final Class<?> type = null == first ? null : first.getClass();
        final int kind = Integer.class == type ? INTS : Long.class == type ? LONGS : Double.class == type ? DOUBLES :
            OBJECTS;
        if (OBJECTS != kind)
        {
            for (int i = 1, size = values.size(); i < size; i++)
            {
                final Object value = values.get(i);
                if (null == value || value.getClass() != type)
                {
                    return OBJECTS;
                }
            }
        }
        return kind;
    }

    private static int header(final MutableDirectBuffer buffer, final int offset, final int kind, final int count)
    {
        buffer.putInt(offset + KIND_OFFSET, kind);
        buffer.putInt(offset + COUNT_OFFSET, count);
        return offset + PAYLOAD_OFFSET;
    }

    private static void checkRoom(final long needed, final long room)
    {
        if (needed > room)
        {
            throw new IllegalStateException("corrupt pool record: " + needed + " bytes of values in " + room);
        }
    }

    /**
     * A task's arguments as a range of a shared primitive array, with the array its results go to.
     */
    public static final class Slice
    {
        public final int elementKind;
        public final int from;
        public final int count;
        public final String source;
        public final String target;

        Slice(final int elementKind, final int from, final int count, final String source, final String target)
        {
            this.elementKind = elementKind;
            this.from = from;
            this.count = count;
            this.source = source;
            this.target = target;
        }
    }
}
