package io.multiprocessing4j.internal.value;

import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one wire format for values that cross between JVMs: a process target's captured values, queue and pipe
 * messages, and the values of pool records. One set of tags, and one place to add a type: {@link #tagOf},
 * {@link #writePayload} and {@link #readPayload}.
 * <pre>
 *   tag            payload
 *   NULL           nothing
 *   BOOLEAN, BYTE  1 byte            SHORT, CHAR  2 bytes       INT, FLOAT  4 bytes       LONG, DOUBLE  8 bytes
 *   STRING         its UTF-8 bytes
 *   PATH           a {@link Path} of the default file system: its string's UTF-8 bytes
 *   BYTES          the bytes of a byte[]
 *   INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, BOOLEAN_ARRAY (a byte each), SHORT_ARRAY, CHAR_ARRAY, FLOAT_ARRAY
 *                  the elements, little-endian
 *   STRING_ARRAY   count (int), then each string as its UTF-8 length (int) and bytes
 *   SHARED_OBJECT  its handle, then its class name, each as a UTF-8 length (int) and bytes: it attaches on read
 *   LIST           an ArrayList, List.of or Arrays.asList of values with tags of their own (and the pool's chunk
 *                  of them): count (int), then each element
 *   RECORD         a record with a {@link RecordLayout}: its class name and layout descriptor, each as a UTF-8
 *                  length (int) and bytes, then its row
 *   RECORDS        a list of records of one class with a layout: count (int), class name, descriptor, the rows
 *   MAP            a HashMap, LinkedHashMap or Map.of of values with tags of their own: count (int), then each
 *                  key's and value's element
 *   CODEC          the codec's bytes, for anything else
 * </pre>
 * A message (a queue item, a pipe message) is one value: the ring message's type is its tag and the message its
 * payload. In a sequence, an <em>element</em> is its tag (1 byte), then, for a payload whose length is not fixed by
 * its tag, that length (int), then the payload. All little-endian. Stateless, but for the count of codec calls
 * ({@link #codecCalls()}) that tests and tools read.
 */
public final class ValueFormat
{
    public static final int NULL = 1;
    public static final int BOOLEAN = 2;
    public static final int BYTE = 3;
    public static final int SHORT = 4;
    public static final int CHAR = 5;
    public static final int INT = 6;
    public static final int LONG = 7;
    public static final int FLOAT = 8;
    public static final int DOUBLE = 9;
    public static final int STRING = 10;
    public static final int BYTES = 11;
    public static final int INT_ARRAY = 12;
    public static final int LONG_ARRAY = 13;
    public static final int DOUBLE_ARRAY = 14;
    public static final int STRING_ARRAY = 15;
    public static final int SHARED_OBJECT = 16;
    public static final int LIST = 17;
    public static final int CODEC = 18;
    public static final int PATH = 19;
    public static final int RECORD = 20;
    public static final int RECORDS = 21;
    public static final int MAP = 22;
    public static final int BOOLEAN_ARRAY = 23;
    public static final int SHORT_ARRAY = 24;
    public static final int CHAR_ARRAY = 25;
    public static final int FLOAT_ARRAY = 26;
    /** Tags above this are the pool protocol's own ({@code PoolRecordDescriptor}), never a value's. */
    public static final int MAX_TAG = 63;

    private static final LongAdder CODEC_CALLS = new LongAdder();
    /** Lists that travel as a {@link #LIST} (or {@link #RECORDS}); they arrive as an {@code ArrayList}. */
    private static final Set<Class<?>> LIST_CLASSES = Set.of(ArrayList.class, Arrays.asList().getClass(),
        List.of().getClass(), List.of(1).getClass());
    /** Maps that travel as a {@link #MAP}; they arrive as a {@code LinkedHashMap}, in the sender's order. */
    private static final Set<Class<?>> MAP_CLASSES = Set.of(HashMap.class, LinkedHashMap.class,
        Map.of().getClass(), Map.of(1, 1).getClass());

    private ValueFormat()
    {
    }

    /**
     * @return how many times this JVM has called a codec for a value in this format (to encode or decode).
     */
    public static long codecCalls()
    {
        return CODEC_CALLS.sum();
    }

    /**
     * @return the tag {@code value} travels with: its own for the types above, {@link #CODEC} for anything else
     * (including a list or map of another class, or holding a value that needs the codec: it goes whole through the
     * codec).
     */
    public static int tagOf(final Object value)
    {
        if (null == value)
        {
            return NULL;
        }
        final Class<?> type = value.getClass();
        if (Integer.class == type)
        {
            return INT;
        }
        if (Long.class == type)
        {
            return LONG;
        }
        if (Double.class == type)
        {
            return DOUBLE;
        }
        if (String.class == type)
        {
            return STRING;
        }
        if (type.isArray())
        {
            return arrayTag(value);
        }
        if (type.isRecord())
        {
            return null == RecordLayout.of(type) ? CODEC : RECORD;
        }
        if (LIST_CLASSES.contains(type))
        {
            return listTag((List<?>)value);
        }
        if (MAP_CLASSES.contains(type))
        {
            return mapTag((Map<?, ?>)value);
        }
        return Boolean.class == type ? BOOLEAN : Byte.class == type ? BYTE : Short.class == type ? SHORT :
            Character.class == type ? CHAR : Float.class == type ? FLOAT :
            value instanceof SharedObject ? SHARED_OBJECT : isDefaultPath(value) ? PATH : CODEC;
    }

    /**
     * @return how a list travels: {@link #RECORDS} if it holds records of one class with a layout, {@link #LIST} if
     * every element has a tag of its own, else {@link #CODEC}.
     */
    public static int listTag(final List<?> list)
    {
        final Object first = list.isEmpty() ? null : list.get(0);
        final RecordLayout layout = null == first || !first.getClass().isRecord() ? null :
            RecordLayout.of(first.getClass());
        if (null != layout)
        {
            for (int i = 1, count = list.size(); i < count; i++)
            {
                final Object element = list.get(i);
                if (null == element || element.getClass() != layout.type)
                {
                    return allPlain(list) ? LIST : CODEC;
                }
            }
            return RECORDS;
        }
        return allPlain(list) ? LIST : CODEC;
    }

    private static int mapTag(final Map<?, ?> map)
    {
        for (final Map.Entry<?, ?> entry : map.entrySet())
        {
            if (CODEC == tagOf(entry.getKey()) || CODEC == tagOf(entry.getValue()))
            {
                return CODEC;
            }
        }
        return MAP;
    }

    private static boolean isDefaultPath(final Object value)
    {
        return value instanceof Path && FileSystems.getDefault() == ((Path)value).getFileSystem();
    }

    private static int arrayTag(final Object value)
    {
        if (value instanceof byte[])
        {
            return BYTES;
        }
        if (value instanceof int[])
        {
            return INT_ARRAY;
        }
        if (value instanceof long[])
        {
            return LONG_ARRAY;
        }
        if (value instanceof double[])
        {
            return DOUBLE_ARRAY;
        }
        if (value instanceof boolean[])
        {
            return BOOLEAN_ARRAY;
        }
        if (value instanceof short[])
        {
            return SHORT_ARRAY;
        }
        if (value instanceof char[])
        {
            return CHAR_ARRAY;
        }
        if (value instanceof float[])
        {
            return FLOAT_ARRAY;
        }
        if (value instanceof String[])
        {
            for (final String element : (String[])value)
            {
                if (null == element)
                {
                    return CODEC;
                }
            }
            return STRING_ARRAY;
        }
        return CODEC;
    }

    /**
     * @return the length of a payload of {@code tag} if the tag fixes it, else -1.
     */
    public static int fixedLength(final int tag)
    {
        switch (tag)
        {
            case NULL: return 0;
            case BOOLEAN:
            case BYTE: return 1;
            case SHORT:
            case CHAR: return 2;
            case INT:
            case FLOAT: return 4;
            case LONG:
            case DOUBLE: return 8;
            default: return -1;
        }
    }

    /**
     * Writes the payload of {@code value}, whose tag is {@code tag} ({@link #tagOf}), at {@code offset}.
     *
     * @param codec for {@link #CODEC} (and nothing else); may be null when the tag is another.
     * @return where the payload ends.
     * @throws io.multiprocessing4j.codec.CodecException if the codec cannot encode the value.
     */
    public static int writePayload(final int tag, final Object value, final MutableDirectBuffer buffer,
        final int offset, final Codec codec)
    {
        switch (tag)
        {
            case NULL: return offset;
            case BOOLEAN: buffer.putByte(offset, (byte)((Boolean)value ? 1 : 0)); return offset + 1;
            case BYTE: buffer.putByte(offset, (Byte)value); return offset + 1;
            case SHORT: buffer.putShort(offset, (Short)value); return offset + 2;
            case CHAR: buffer.putChar(offset, (Character)value); return offset + 2;
            case INT: buffer.putInt(offset, (Integer)value); return offset + 4;
            case FLOAT: buffer.putFloat(offset, (Float)value); return offset + 4;
            case LONG: buffer.putLong(offset, (Long)value); return offset + 8;
            case DOUBLE: buffer.putDouble(offset, (Double)value); return offset + 8;
            case STRING: return offset + buffer.putStringWithoutLengthUtf8(offset, (String)value);
            case PATH: return offset + buffer.putStringWithoutLengthUtf8(offset, value.toString());
            case BYTES: buffer.putBytes(offset, (byte[])value); return offset + ((byte[])value).length;
            case SHARED_OBJECT:
            {
                final SharedObject shared = (SharedObject)value;
                final int next = offset + buffer.putStringUtf8(offset, shared.transferHandle().toString());
                return next + buffer.putStringUtf8(next, shared.getClass().getName());
            }
            case LIST:
            {
                final List<?> list = (List<?>)value;
                buffer.putInt(offset, list.size());
                int at = offset + Integer.BYTES;
                for (int i = 0, count = list.size(); i < count; i++)
                {
                    at = writeElement(list.get(i), buffer, at, codec);
                }
                return at;
            }
            case RECORD: return PlainRecords.write(value, buffer, offset);
            case RECORDS: return PlainRecords.writeAll((List<?>)value, buffer, offset);
            case MAP:
            {
                final Map<?, ?> map = (Map<?, ?>)value;
                buffer.putInt(offset, map.size());
                int at = offset + Integer.BYTES;
                for (final Map.Entry<?, ?> entry : map.entrySet())
                {
                    at = writeElement(entry.getValue(), buffer, writeElement(entry.getKey(), buffer, at, codec), codec);
                }
                return at;
            }
            case CODEC:
            {
                CODEC_CALLS.increment();
                final byte[] bytes = codec.encode(value);
                buffer.putBytes(offset, bytes);
                return offset + bytes.length;
            }
            default:
                return PlainArrays.write(tag, value, buffer, offset);
        }
    }

    /**
     * @return the value of the payload of {@code tag} in {@code [offset, offset + length)}.
     * @throws IllegalStateException if the payload is not well formed (a corrupt message), or the tag unknown.
     * @throws io.multiprocessing4j.codec.CodecException if the codec cannot decode it.
     */
    public static Object readPayload(final int tag, final DirectBuffer buffer, final int offset, final int length,
        final Codec codec)
    {
        final int fixed = fixedLength(tag);
        if (length < 0 || (fixed >= 0 && length != fixed) || (long)offset + length > buffer.capacity())
        {
            throw new IllegalStateException("corrupt value: a payload of " + length + " bytes for tag " + tag);
        }
        switch (tag)
        {
            case NULL: return null;
            case BOOLEAN: return 0 != buffer.getByte(offset);
            case BYTE: return buffer.getByte(offset);
            case SHORT: return buffer.getShort(offset);
            case CHAR: return buffer.getChar(offset);
            case INT: return buffer.getInt(offset);
            case FLOAT: return buffer.getFloat(offset);
            case LONG: return buffer.getLong(offset);
            case DOUBLE: return buffer.getDouble(offset);
            case STRING: return buffer.getStringWithoutLengthUtf8(offset, length);
            case PATH: return Path.of(buffer.getStringWithoutLengthUtf8(offset, length));
            case BYTES: return bytes(buffer, offset, length);
            case SHARED_OBJECT:
            {
                final String handle = string(buffer, offset, offset + length);
                final int next = offset + Integer.BYTES + buffer.getInt(offset);
                return SharedObject.attach(SharedHandle.parse(handle), string(buffer, next, offset + length));
            }
            case LIST:
                return list(buffer, offset, length, codec);
            case RECORD: return PlainRecords.read(buffer, offset, length);
            case RECORDS: return PlainRecords.readAll(buffer, offset, length);
            case MAP:
                return map(buffer, offset, length, codec);
            case CODEC:
                CODEC_CALLS.increment();
                return codec.decode(bytes(buffer, offset, length));
            default:
                return PlainArrays.read(tag, buffer, offset, length);
        }
    }

    /**
     * Writes {@code value} as an element: its tag, its payload's length unless the tag fixes it, its payload.
     *
     * @return where the element ends.
     */
    public static int writeElement(final Object value, final MutableDirectBuffer buffer, final int offset,
        final Codec codec)
    {
        final int tag = tagOf(value);
        buffer.putByte(offset, (byte)tag);
        if (fixedLength(tag) >= 0)
        {
            return writePayload(tag, value, buffer, offset + 1, codec);
        }
        final int end = writePayload(tag, value, buffer, offset + 1 + Integer.BYTES, codec);
        buffer.putInt(offset + 1, end - offset - 1 - Integer.BYTES);
        return end;
    }

    /**
     * Reads the element at {@code cursor}'s position, no further than {@code end}, and moves the cursor past it.
     *
     * @throws IllegalStateException if it is not well formed.
     */
    public static Object readElement(final DirectBuffer buffer, final int[] cursor, final int end, final Codec codec)
    {
        final int at = cursor[0];
        if (at >= end)
        {
            throw new IllegalStateException("corrupt value: no element at " + at);
        }
        final int tag = buffer.getByte(at);
        final int fixed = fixedLength(tag);
        final int payload = fixed >= 0 ? at + 1 : at + 1 + Integer.BYTES;
        if (payload > end)
        {
            throw new IllegalStateException("corrupt value: an element cut short at " + at);
        }
        final int length = fixed >= 0 ? fixed : buffer.getInt(at + 1);
        if (length < 0 || (long)payload + length > end)
        {
            throw new IllegalStateException("corrupt value: an element of " + length + " bytes at " + at);
        }
        cursor[0] = payload + length;
        return readPayload(tag, buffer, payload, length, codec);
    }

    /**
     * @return the bytes in {@code [offset, offset + length)}: the array itself when a ring handed over a fresh
     * on-heap copy (see {@link io.multiprocessing4j.shm.ring.MessageHandler}), else a copy.
     */
    public static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (null != array && 0 == offset && array.length == length && 0 == buffer.wrapAdjustment())
        {
            return array;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static List<Object> list(final DirectBuffer buffer, final int offset, final int length, final Codec codec)
    {
        final int end = offset + length;
        final int count = length < Integer.BYTES ? -1 : buffer.getInt(offset);
        if (count < 0 || count > length)
        {
            throw new IllegalStateException("corrupt value: a list of " + count + " elements in " + length + " bytes");
        }
        final List<Object> values = new ArrayList<>(count);
        final int[] cursor = {offset + Integer.BYTES};
        for (int i = 0; i < count; i++)
        {
            values.add(readElement(buffer, cursor, end, codec));
        }
        return values;
    }

    private static Map<Object, Object> map(final DirectBuffer buffer, final int offset, final int length,
        final Codec codec)
    {
        final int end = offset + length;
        final int count = length < Integer.BYTES ? -1 : buffer.getInt(offset);
        if (count < 0 || count > length / 2)
        {
            throw new IllegalStateException("corrupt value: a map of " + count + " entries in " + length + " bytes");
        }
        final Map<Object, Object> map = new LinkedHashMap<>(count * 2);
        final int[] cursor = {offset + Integer.BYTES};
        for (int i = 0; i < count; i++)
        {
            map.put(readElement(buffer, cursor, end, codec), readElement(buffer, cursor, end, codec));
        }
        return map;
    }

    /**
     * @return whether every value has a tag of its own: a list of them travels as a {@link #LIST}, with no codec.
     */
    public static boolean allPlain(final List<?> values)
    {
        for (int i = 0, count = values.size(); i < count; i++)
        {
            if (CODEC == tagOf(values.get(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the string of a UTF-8 length (int) and bytes at {@code offset}, which must end by {@code end}.
     */
    static String string(final DirectBuffer buffer, final int offset, final int end)
    {
        if ((long)offset + Integer.BYTES > end)
        {
            throw new IllegalStateException("corrupt value: a string cut short at " + offset);
        }
        final int length = buffer.getInt(offset);
        if (length < 0 || (long)offset + Integer.BYTES + length > end)
        {
            throw new IllegalStateException("corrupt value: a string of " + length + " bytes at " + offset);
        }
        return buffer.getStringWithoutLengthUtf8(offset + Integer.BYTES, length);
    }
}
