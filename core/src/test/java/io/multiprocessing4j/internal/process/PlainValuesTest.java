package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.internal.value.PlainValues;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The captured values a target is shipped with skip the codec (whose set-up costs a fresh JVM hundreds of
 * milliseconds) when they are plain: a pool worker's target captures a link, the allowed class prefixes,
 * the initializer's bytes and a task limit, and must be among them.
 */
class PlainValuesTest
{
    @Test
    void everyPlainKindRoundTrips() throws IOException
    {
        final Object[] values = {null, true, (byte)1, (short)2, 'c', 3, 4L, 5.5f, 6.5, "seven", new int[] {8},
            new long[] {9L}, new double[] {10.0}, new byte[] {11}, new String[] {"io.example.", "", "ü"}};
        final Object[] decoded = PlainValues.decode(PlainValues.encode(values));
        assertEquals(Arrays.deepToString(values), Arrays.deepToString(decoded));
        assertArrayEquals(new String[] {"io.example.", "", "ü"}, (String[])decoded[14]);
    }

    @Test
    void anythingElseDeclinesSoTheCodecIsUsed()
    {
        assertNull(PlainValues.encode(new Object[] {new String[] {"a", null}}));
        assertNull(PlainValues.encode(new Object[] {new Object[] {"a"}}));
        assertNull(PlainValues.encode(new Object[] {new StringBuilder("a")}));
    }

    @Test
    void corruptBytesAreRefusedNotMisread()
    {
        final byte[] encoded = PlainValues.encode(new Object[] {new String[] {"a", "b"}});
        encoded[5] = 0x7f; // the array's length
        assertThrows(IOException.class, () -> PlainValues.decode(encoded));
    }

    @Test
    void aTargetCapturingAllowedPrefixesAndALimitIsShippedWithoutTheCodec()
    {
        final String[] allowed = {"io.example."};
        final byte[] initializer = {1, 2, 3};
        final int maxTasks = 7;
        final ProcessTarget target = () -> System.out.println(allowed.length + initializer.length + maxTasks);
        final long pid = ProcessHandle.current().pid();
        final CurrentProcess.Identity child = new CurrentProcess.Identity(new ProcessInfo("Process-1", pid), "1",
            new ProcessInfo("MainProcess", pid), "");
        final ChildSpec spec = Launcher.spec(child, true,
            Codec.fory(ClassAllowList.defaults()), target);
        assertEquals(PlainValues.ID, spec.codecId);
        assertNotEquals(0, spec.payload.length);
    }
}
