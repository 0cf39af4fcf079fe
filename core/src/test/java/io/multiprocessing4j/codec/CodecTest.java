package io.multiprocessing4j.codec;

import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedIntArray;
import org.example.mp4jtest.Foreign;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both codecs: round trips, the allow-list, shared objects as handles, and clear failures.
 */
final class CodecTest
{
    private static final ClassAllowList ALLOWED = ClassAllowList.defaults().withPackageOf(CodecTest.class);

    record Point(int x, String label, double[] weights) implements Serializable
    {
    }

    static final class Opaque
    {
        final int value = 1;
    }

    private static Codec codec(final String id, final ClassAllowList allowList)
    {
        return Codec.create(id, allowList);
    }

    @ParameterizedTest
    @ValueSource(strings = {Codec.FORY, Codec.JDK})
    void roundTripsValuesCollectionsRecordsAndSharedReferences(final String id)
    {
        final Codec codec = codec(id, ALLOWED);
        final Point point = new Point(3, "p", new double[]{1.5, 2.5});
        final Object[] graph = {42, "text", List.of(1L, 2L), Map.of("k", point), point, null, new int[]{7, 8}};

        final Object[] decoded = (Object[])codec.decode(codec.encode(graph));

        assertEquals(42, decoded[0]);
        assertEquals("text", decoded[1]);
        assertEquals(List.of(1L, 2L), decoded[2]);
        final Point copy = (Point)decoded[4];
        assertEquals(3, copy.x());
        assertArrayEquals(point.weights(), copy.weights());
        assertTrue(copy == ((Map<?, ?>)decoded[3]).get("k"), "a shared reference stays shared");
        assertEquals(null, decoded[5]);
        assertArrayEquals(new int[]{7, 8}, (int[])decoded[6]);
        assertEquals(id, codec.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {Codec.FORY, Codec.JDK})
    void lambdasTravelWithTheirCapturedValues(final String id) throws Exception
    {
        final Codec codec = codec(id, ALLOWED);
        final int[] box = new int[1];
        final int add = 5;
        final ProcessTarget task = () -> Arrays.fill(box, add);

        final ProcessTarget copy = (ProcessTarget)codec.decode(codec.encode(task));
        copy.run();
        assertEquals(0, box[0], "the copy captured its own array");
    }

    @ParameterizedTest
    @ValueSource(strings = {Codec.FORY, Codec.JDK})
    void sharedObjectsTravelAsHandlesAndAttach(final String id)
    {
        try (ShmContext context = ShmContext.create();
             SharedIntArray array = SharedIntArray.create(context, 100_000))
        {
            final Codec codec = codec(id, ALLOWED);
            final byte[] bytes = codec.encode(array);
            assertTrue(bytes.length < 1_000, "a handle, not the data: " + bytes.length + " bytes");
            try (SharedIntArray attached = (SharedIntArray)codec.decode(bytes))
            {
                assertNotSame(array, attached);
                attached.set(2, 99);
                assertEquals(99, array.get(2));
            }
        }
    }

    @Test
    void aForyRefusalNamesTheClassTheAllowListAndTheFixNotForysAdvice()
    {
        final Codec strict = codec(Codec.FORY, ClassAllowList.defaults());
        final byte[] bytes = codec(Codec.FORY, ALLOWED.with("org.example.")).encode(List.of(new Foreign(1)));
        for (final CodecException refused : List.of(
            assertThrows(CodecException.class, () -> strict.decode(bytes)),
            assertThrows(CodecException.class, () -> strict.encode(new Foreign(2)))))
        {
            final String message = refused.getMessage();
            assertTrue(message.contains("class " + Foreign.class.getName() + " is not on the codec's allow-list"),
                message);
            assertTrue(message.contains("-Dmp4j.codec.allow=org.example.mp4jtest."), message);
            assertFalse(message.contains("register"), message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Codec.FORY, Codec.JDK})
    void decodingAClassOutsideTheAllowListFailsNamingIt(final String id)
    {
        final byte[] bytes = codec(id, ALLOWED.with("org.example.")).encode(List.of(new Foreign(1)));
        final CodecException refused =
            assertThrows(CodecException.class, () -> codec(id, ClassAllowList.defaults()).decode(bytes));
        assertTrue(refused.getMessage().contains(Foreign.class.getName()), refused.getMessage());
        assertEquals(List.of(new Foreign(1)), codec(id, ALLOWED.with("org.example.mp4jtest.Foreign")).decode(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {Codec.FORY, Codec.JDK})
    void corruptOrTruncatedBytesFailCleanly(final String id)
    {
        final Codec codec = codec(id, ALLOWED);
        final byte[] bytes = codec.encode(List.of("a", "b", "c"));
        assertThrows(CodecException.class, () -> codec.decode(Arrays.copyOf(bytes, bytes.length / 2)));
        assertThrows(CodecException.class, () -> codec.decode(new byte[]{1, 2, 3, 4, 5, 6, 7, 8}));
        assertThrows(NullPointerException.class, () -> codec.decode(null));
    }

    @Test
    void jdkCodecRefusesWhatIsNotSerializableNamingTheClass()
    {
        final CodecException refused =
            assertThrows(CodecException.class, () -> codec(Codec.JDK, ALLOWED).encode(List.of(new Opaque())));
        assertTrue(refused.getMessage().contains(Opaque.class.getName()), refused.getMessage());
    }

    @Test
    void allowListMatchesPackagesClassesNestedClassesAndArrays()
    {
        final ClassAllowList list = ClassAllowList.of(List.of("com.example.", "org.sample.Task"));
        assertTrue(list.allows("com.example.Anything"));
        assertTrue(list.allows("com.example.deep.Nested$Inner"));
        assertTrue(list.allows("org.sample.Task"));
        assertTrue(list.allows("org.sample.Task$$Lambda/0x1234"));
        assertFalse(list.allows("org.sample.TaskRunner"));
        assertTrue(list.allows("[Lcom.example.Thing;"));
        assertTrue(list.allows("[[I"));
        assertTrue(list.allows("int"));
        assertFalse(list.allows("java.lang.Runtime"));
        assertFalse(list.allows("[Ljava.lang.String;"));
        assertThrows(IllegalArgumentException.class, () -> list.with("bad,prefix"));
        assertThrows(NullPointerException.class, () -> list.with((String)null));
        assertEquals(List.of("java.lang."), ClassAllowList.of(List.of()).withPackageOf(String.class).prefixes());
    }

    @Test
    void unknownCodecIdIsAClearError()
    {
        final CodecException unknown = assertThrows(CodecException.class, () -> Codec.create("no.such.Codec", ALLOWED));
        assertTrue(unknown.getMessage().contains("no.such.Codec"), unknown.getMessage());
    }
}
