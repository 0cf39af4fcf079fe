package io.multiprocessing4j.internal.value;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records whose components are plain travel as fixed-layout rows with no codec call: every component kind, nulls,
 * nesting, strings of every length class, lists and maps of them; a record class that differs between sender and
 * receiver is refused naming both layouts; a record with a component of another kind falls back to the codec.
 */
final class RecordValuesTest
{
    private static final Codec CODEC = Codec.fory(ClassAllowList.defaults().with("io.multiprocessing4j."));

    enum Colour
    {
        RED, GREEN
    }

    record Point(int x, double y)
    {
    }

    record Everything(boolean z, byte b, short s, char c, int i, long j, float f, double d, Boolean boxedZ,
        Byte boxedB, Short boxedS, Character boxedC, Integer boxedI, Long boxedJ, Float boxedF, Double boxedD,
        String text, Colour colour, byte[] bytes, int[] ints, long[] longs, double[] doubles, boolean[] flags,
        short[] shorts, char[] chars, float[] floats, Point point)
    {
    }

    record Line(Point from, Point to, String label)
    {
    }

    record WithBigInteger(int id, BigInteger amount)
    {
    }

    record Node(int value, Node next)
    {
    }

    private static Object roundTrip(final Object value)
    {
        final MessageEncoder encoder = new MessageEncoder();
        encoder.encode(value, CODEC);
        final UnsafeBuffer copy = new UnsafeBuffer(Arrays.copyOf(encoder.buffer().byteArray(), encoder.length()));
        return MessageEncoder.decode(encoder.type(), copy, 0, encoder.length(), CODEC);
    }

    @Test
    void everyComponentKindAndNullRoundTripsWithNoCodecCall()
    {
        final Everything full = new Everything(true, (byte)-1, (short)-2, 'ü', -3, Long.MIN_VALUE, 1.5f, -2.5,
            false, (byte)4, (short)5, 'c', 6, 7L, 8.5f, 9.5, "text ü€𝄞", Colour.GREEN, new byte[] {1, 2},
            new int[] {3}, new long[] {4}, new double[] {5.5}, new boolean[] {true, false}, new short[] {6},
            new char[] {'x'}, new float[] {7.5f}, new Point(8, 9.5));
        final Everything empty = new Everything(false, (byte)0, (short)0, '\0', 0, 0, 0, 0, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        final long before = ValueFormat.codecCalls();
        for (final Everything value : List.of(full, empty))
        {
            assertEquals(ValueFormat.RECORD, ValueFormat.tagOf(value));
            final Everything back = (Everything)roundTrip(value);
            assertEquals(describe(value), describe(back));
        }
        assertEquals(before, ValueFormat.codecCalls(), "no codec call");
    }

    @Test
    void nestedRecordsAndStringsOfEveryLengthClassRoundTrip()
    {
        for (final int length : new int[] {0, 1, 127, 128, 255, 256, 65_535, 65_536, 1 << 20})
        {
            final Line line = new Line(new Point(1, 2), length % 2 == 0 ? null : new Point(3, 4), "é".repeat(length));
            assertEquals(line, roundTrip(line));
        }
        assertEquals(new Line(null, null, null), roundTrip(new Line(null, null, null)));
    }

    @Test
    void listsAndMapsOfRecordsTravelPlainAndAListOfOneClassIsOneBlock()
    {
        final long before = ValueFormat.codecCalls();
        final List<Point> points = new ArrayList<>();
        for (int i = 0; i < 1_000; i++)
        {
            points.add(new Point(i, i / 2.0));
        }
        assertEquals(ValueFormat.RECORDS, ValueFormat.tagOf(points));
        assertEquals(points, roundTrip(points));
        final List<Object> mixed = Arrays.asList(new Point(1, 1), null, "x", new Line(null, null, "l"));
        assertEquals(ValueFormat.LIST, ValueFormat.tagOf(mixed));
        assertEquals(mixed, roundTrip(mixed));
        final Map<String, Point> byName = new HashMap<>(Map.of("a", new Point(1, 1), "b", new Point(2, 2)));
        assertEquals(ValueFormat.MAP, ValueFormat.tagOf(byName));
        final Object back = roundTrip(byName);
        assertEquals(LinkedHashMap.class, back.getClass());
        assertEquals(byName, back);
        assertEquals(Map.of(1, List.of(new Point(3, 3))), roundTrip(Map.of(1, List.of(new Point(3, 3)))));
        assertEquals(before, ValueFormat.codecCalls(), "no codec call");
        final int oneBlock = encodedLength(points);
        assertTrue(oneBlock < 1_000 * 13 + 200, "one class name and descriptor for the block: " + oneBlock);
    }

    @Test
    void aRecordWithAComponentOfAnotherKindOrThatContainsItselfGoesThroughTheCodec()
    {
        assertNull(RecordLayout.of(WithBigInteger.class));
        assertEquals(ValueFormat.CODEC, ValueFormat.tagOf(new WithBigInteger(1, BigInteger.TEN)));
        final long before = ValueFormat.codecCalls();
        assertEquals(new WithBigInteger(1, BigInteger.TEN), roundTrip(new WithBigInteger(1, BigInteger.TEN)));
        assertEquals(before + 2, ValueFormat.codecCalls());
        assertNull(RecordLayout.of(Node.class), "a record that contains itself has no fixed layout");
        assertEquals(new Node(1, new Node(2, null)), roundTrip(new Node(1, new Node(2, null))));
    }

    @Test
    void aRecordClassThatDiffersBetweenSenderAndReceiverIsRefusedNamingBoth(@TempDir final Path directory)
        throws Exception
    {
        final ClassLoader sent = compile(directory.resolve("a"), "public record Shape(int x, double y) { }");
        final ClassLoader here = compile(directory.resolve("b"), "public record Shape(int x, long y) { }");
        final Object shape = sent.loadClass("generated.Shape").getConstructors()[0].newInstance(1, 2.5);
        assertNotNull(RecordLayout.of(shape.getClass()));
        final MessageEncoder encoder = new MessageEncoder();
        encoder.encode(shape, CODEC);
        final Thread thread = Thread.currentThread();
        final ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(here);
        try
        {
            final CodecException refused = assertThrows(CodecException.class,
                () -> MessageEncoder.decode(encoder.type(), encoder.buffer(), 0, encoder.length(), CODEC));
            assertTrue(refused.getMessage().contains("record generated.Shape differs between the JVM that sent it " +
                "(int x,double y) and this one (int x,long y)"), refused.getMessage());
            thread.setContextClassLoader(sent);
            assertEquals(shape, MessageEncoder.decode(encoder.type(), encoder.buffer(), 0, encoder.length(), CODEC));
        }
        finally
        {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void aRowCutShortIsRefusedNotMisread()
    {
        final MessageEncoder encoder = new MessageEncoder();
        encoder.encode(new Line(new Point(1, 2), null, "label"), CODEC);
        for (int cut = 1; cut < encoder.length(); cut++)
        {
            final int length = encoder.length() - cut;
            assertThrows(RuntimeException.class,
                () -> MessageEncoder.decode(encoder.type(), encoder.buffer(), 0, length, CODEC), "cut " + cut);
        }
    }

    private static int encodedLength(final Object value)
    {
        final MessageEncoder encoder = new MessageEncoder();
        encoder.encode(value, CODEC);
        return encoder.length();
    }

    private static String describe(final Everything value)
    {
        final StringBuilder text = new StringBuilder();
        for (final var component : Everything.class.getRecordComponents())
        {
            try
            {
                final Object part = component.getAccessor().invoke(value);
                text.append(null != part && part.getClass().isArray() ? arrayText(part) : String.valueOf(part))
                    .append(';');
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new AssertionError(ex);
            }
        }
        return text.toString();
    }

    private static String arrayText(final Object array)
    {
        final int length = java.lang.reflect.Array.getLength(array);
        final Object[] boxed = new Object[length];
        for (int i = 0; i < length; i++)
        {
            boxed[i] = java.lang.reflect.Array.get(array, i);
        }
        return Arrays.toString(boxed);
    }

    private static ClassLoader compile(final Path directory, final String source) throws IOException
    {
        Files.createDirectories(directory);
        final Path file = directory.resolve("Shape.java");
        Files.writeString(file, "package generated;\n" + source + "\n");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", directory.toString(),
            file.toString()), "javac");
        return new URLClassLoader(new URL[] {directory.toUri().toURL()}, RecordValuesTest.class.getClassLoader());
    }

    @Test
    void arraysOfEveryPrimitiveAreValuesOfTheirOwn()
    {
        final Object[] arrays = {new boolean[] {true}, new short[] {1}, new char[] {'c'}, new float[] {1.5f}};
        for (final Object array : arrays)
        {
            assertTrue(ValueFormat.CODEC != ValueFormat.tagOf(array));
            assertEquals(arrayText(array), arrayText(roundTrip(array)));
        }
        assertArrayEquals(new float[] {1.5f}, (float[])roundTrip(new float[] {1.5f}));
    }
}
