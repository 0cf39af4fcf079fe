package io.multiprocessing4j.internal.value;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one value format: every tag round-trips as a message payload and as an element of a sequence, values with
 * no tag of their own go through the codec (and only they count as codec calls), and malformed lengths are refused.
 */
class ValueFormatTest
{
    private static final Codec CODEC = Codec.fory(ClassAllowList.defaults());
    private static final Object[] PLAIN = {null, true, (byte)1, (short)2, 'c', 3, 4L, 5.5f, 6.5, "seven ü",
        new byte[] {8}, new int[] {9, -9}, new long[] {10L}, new double[] {11.5}, new String[] {"a", "", "ü"},
        Path.of("/tmp/twelve ü")};

    @Test
    void everyTaggedValueRoundTripsAsAMessageWithNoCodecCall()
    {
        final MessageEncoder encoder = new MessageEncoder();
        final long before = ValueFormat.codecCalls();
        for (final Object value : PLAIN)
        {
            encoder.encode(value, null);
            assertNotEquals(ValueFormat.CODEC, encoder.type(), String.valueOf(value));
            final Object decoded = MessageEncoder.decode(encoder.type(), encoder.buffer(), 0, encoder.length(), null);
            assertEquals(Arrays.deepToString(new Object[] {value}), Arrays.deepToString(new Object[] {decoded}));
        }
        assertEquals(before, ValueFormat.codecCalls());
    }

    @Test
    void aSequenceOfElementsRoundTripsAndAListTravelsPlain()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int end = 0;
        for (final Object value : PLAIN)
        {
            end = ValueFormat.writeElement(value, buffer, end, null);
        }
        final List<Object> list = new ArrayList<>(Arrays.asList(1, "two", 3.0));
        final int listEnd = ValueFormat.writePayload(ValueFormat.LIST, list, buffer, end, null);
        final int[] cursor = {0};
        for (final Object value : PLAIN)
        {
            final Object decoded = ValueFormat.readElement(buffer, cursor, end, null);
            assertEquals(Arrays.deepToString(new Object[] {value}), Arrays.deepToString(new Object[] {decoded}));
        }
        assertEquals(end, cursor[0]);
        assertEquals(list, ValueFormat.readPayload(ValueFormat.LIST, buffer, end, listEnd - end, null));
        assertTrue(ValueFormat.allPlain(list));
        assertFalse(ValueFormat.allPlain(List.of(1, BigInteger.ONE)));
    }

    @Test
    void anythingElseGoesThroughTheCodecAndIsCounted()
    {
        assertEquals(ValueFormat.CODEC, ValueFormat.tagOf(BigInteger.TEN));
        assertEquals(ValueFormat.CODEC, ValueFormat.tagOf(new String[] {"a", null}));
        assertEquals(ValueFormat.CODEC, ValueFormat.tagOf(new Object[] {"a"}));
        assertEquals(ValueFormat.CODEC, ValueFormat.tagOf(new LinkedList<>(List.of(1))),
            "a list of another class keeps its class through the codec");
        assertEquals(ValueFormat.CODEC, ValueFormat.tagOf(List.of(BigInteger.ONE)), "so does a list of codec values");
        final MessageEncoder encoder = new MessageEncoder();
        final long before = ValueFormat.codecCalls();
        encoder.encode(Duration.ofSeconds(3), CODEC);
        assertEquals(Duration.ofSeconds(3),
            MessageEncoder.decode(encoder.type(), encoder.buffer(), 0, encoder.length(), CODEC));
        assertEquals(before + 2, ValueFormat.codecCalls());
    }

    @Test
    void aSharedObjectTravelsAsItsHandleAndAttaches()
    {
        try (ShmContext shm = ShmContext.create(); SharedLong value = SharedLong.create(shm, 42))
        {
            final MessageEncoder encoder = new MessageEncoder();
            encoder.encode(value, null);
            assertEquals(ValueFormat.SHARED_OBJECT, encoder.type());
            try (SharedLong attached =
                (SharedLong)MessageEncoder.decode(encoder.type(), encoder.buffer(), 0, encoder.length(), null))
            {
                attached.incrementAndGet();
                assertEquals(43, value.get());
            }
        }
    }

    @Test
    void malformedPayloadsAreRefusedNotMisread()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int end = ValueFormat.writeElement(new String[] {"a", "b"}, buffer, 0, null);
        assertThrows(IllegalStateException.class, () -> ValueFormat.readPayload(ValueFormat.INT, buffer, 0, 3, null));
        assertThrows(IllegalStateException.class, () -> ValueFormat.readPayload(ValueFormat.LONG_ARRAY, buffer, 0,
            7, null));
        assertThrows(IllegalStateException.class, () -> ValueFormat.readPayload(99, buffer, 0, 0, null));
        buffer.putInt(1, 1 << 20);
        assertThrows(IllegalStateException.class, () -> ValueFormat.readElement(buffer, new int[] {0}, end, null));
        buffer.putInt(1, end - 5);
        buffer.putInt(5, 1 << 20);
        assertThrows(IllegalStateException.class, () -> ValueFormat.readElement(buffer, new int[] {0}, end, null));
        assertArrayEquals(new byte[] {1, 2}, ValueFormat.bytes(new org.agrona.concurrent.UnsafeBuffer(
            new byte[] {0, 1, 2}), 1, 2));
    }
}
