package io.multiprocessing4j.internal.value;

import io.multiprocessing4j.codec.CodecException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ValueFormat#RECORD} and {@link ValueFormat#RECORDS} payloads: a record class's name and its
 * {@link RecordLayout}'s descriptor, then one row, or a count and that many rows. The receiver checks the sender's
 * descriptor against its own class's before it reads a row. Stateless.
 */
final class PlainRecords
{
    private PlainRecords()
    {
    }

    static int write(final Object record, final MutableDirectBuffer buffer, final int offset)
    {
        final RecordLayout layout = RecordLayout.of(record.getClass());
        return layout.write(record, buffer, writeLayout(layout, buffer, offset));
    }

    /**
     * @param records non-null records of one class with a layout.
     */
    static int writeAll(final List<?> records, final MutableDirectBuffer buffer, final int offset)
    {
        final RecordLayout layout = RecordLayout.of(records.get(0).getClass());
        buffer.putInt(offset, records.size());
        int at = writeLayout(layout, buffer, offset + Integer.BYTES);
        for (int i = 0, count = records.size(); i < count; i++)
        {
            at = layout.write(records.get(i), buffer, at);
        }
        return at;
    }

    static Object read(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        final int[] cursor = {offset};
        final Object record = readLayout(buffer, cursor, end).read(buffer, cursor, end);
        if (cursor[0] != end)
        {
            throw new IllegalStateException("corrupt value: a record of " + length + " bytes ends at " +
                (cursor[0] - offset));
        }
        return record;
    }

    static List<Object> readAll(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        final int count = length < Integer.BYTES ? -1 : buffer.getInt(offset);
        if (count < 0 || count > length)
        {
            throw new IllegalStateException("corrupt value: " + count + " records in " + length + " bytes");
        }
        final int[] cursor = {offset + Integer.BYTES};
        final RecordLayout layout = readLayout(buffer, cursor, end);
        final List<Object> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            records.add(layout.read(buffer, cursor, end));
        }
        return records;
    }

    private static int writeLayout(final RecordLayout layout, final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, layout.name.length);
        buffer.putBytes(offset + Integer.BYTES, layout.name);
        final int at = offset + Integer.BYTES + layout.name.length;
        buffer.putInt(at, layout.descriptor.length);
        buffer.putBytes(at + Integer.BYTES, layout.descriptor);
        return at + Integer.BYTES + layout.descriptor.length;
    }

    /**
     * Reads a record class's name and the sender's descriptor of it, and moves the cursor past them.
     *
     * @throws io.multiprocessing4j.codec.CodecException if the class is not here, or differs from the sender's.
     */
    private static RecordLayout readLayout(final DirectBuffer buffer, final int[] cursor, final int end)
    {
        final String name = ValueFormat.string(buffer, cursor[0], end);
        final int descriptorAt = cursor[0] + Integer.BYTES + buffer.getInt(cursor[0]);
        final RecordLayout layout = RecordLayout.named(name);
        final int length = Integer.BYTES > end - descriptorAt ? -1 : buffer.getInt(descriptorAt);
        if (length < 0 || (long)descriptorAt + Integer.BYTES + length > end)
        {
            throw new IllegalStateException("corrupt value: a record descriptor of " + length + " bytes");
        }
        boolean same = length == layout.descriptor.length;
        for (int i = 0; same && i < length; i++)
        {
            same = buffer.getByte(descriptorAt + Integer.BYTES + i) == layout.descriptor[i];
        }
        if (!same)
        {
            throw new CodecException("record " + name + " differs between the JVM that sent it (" +
                buffer.getStringWithoutLengthUtf8(descriptorAt + Integer.BYTES, length) + ") and this one (" +
                layout.describe() + "): both must run the same build");
        }
        cursor[0] = descriptorAt + Integer.BYTES + length;
        return layout;
    }
}
