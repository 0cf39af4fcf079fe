package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shared values and arrays between real child JVMs.
 */
class SharedValuesProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void twoChildJvmsIncrementOneSharedLongExactly() throws Exception
    {
        final int perChild = 1_000_000;
        try (ShmContext context = ShmContext.create();
             SharedLong counter = SharedLong.create(context, 0);
             ChildJvm first = ChildJvm.start(IncrementChild.class, counter.handle().toString(), "" + perChild);
             ChildJvm second = ChildJvm.start(IncrementChild.class, counter.handle().toString(), "" + perChild))
        {
            assertEquals(0, first.awaitExit(TIMEOUT), first::stderr);
            assertEquals(0, second.awaitExit(TIMEOUT), second::stderr);
            assertEquals(2L * perChild, counter.get());
        }
    }

    @Test
    void aChildFillsASharedDoubleArrayThatTheParentSumsExactly() throws Exception
    {
        final int length = 1_000_000;
        try (ShmContext context = ShmContext.create();
             SharedDoubleArray array = SharedDoubleArray.create(context, length);
             ChildJvm child = ChildJvm.start(FillChild.class, array.handle().toString()))
        {
            assertEquals(0, child.awaitExit(TIMEOUT), child::stderr);
            double expected = 0;
            double actual = 0;
            for (int i = 0; i < length; i++)
            {
                expected += FillChild.valueAt(i);
                actual += array.get(i);
            }
            assertEquals(expected, actual, 0.0);
            assertEquals(FillChild.valueAt(length - 1), array.get(length - 1));
        }
    }

    @Test
    void valuesWrittenByTheParentAreSeenByTheChild() throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedIntArray array = SharedIntArray.create(context, new int[] {3, 4, 5});
             ChildJvm child = ChildJvm.start(SumChild.class, array.handle().toString()))
        {
            assertEquals("12", child.awaitLine(TIMEOUT));
            assertEquals(0, child.awaitExit(TIMEOUT), child::stderr);
        }
    }

    public static final class IncrementChild
    {
        public static void main(final String[] args)
        {
            try (SharedLong counter = SharedLong.attach(SharedHandle.parse(args[0])))
            {
                final int count = Integer.parseInt(args[1]);
                for (int i = 0; i < count; i++)
                {
                    counter.incrementAndGet();
                }
            }
        }
    }

    public static final class FillChild
    {
        static double valueAt(final int i)
        {
            return i * 0.5 + 1.0 / (i + 1);
        }

        public static void main(final String[] args)
        {
            try (SharedDoubleArray array = SharedDoubleArray.attach(SharedHandle.parse(args[0])))
            {
                for (int i = 0; i < array.length(); i++)
                {
                    array.setPlain(i, valueAt(i));
                }
            }
        }
    }

    public static final class SumChild
    {
        public static void main(final String[] args)
        {
            try (SharedIntArray array = SharedIntArray.attach(SharedHandle.parse(args[0])))
            {
                int sum = 0;
                for (final int v : array.toArray())
                {
                    sum += v;
                }
                System.out.println(sum);
            }
        }
    }
}
