package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

class SharedValuesTest
{
    private ShmContext context;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
    }

    @AfterEach
    void tearDown()
    {
        context.close();
    }

    @Test
    void longSupportsTheAtomicLongOperations()
    {
        try (SharedLong value = SharedLong.create(context, 10))
        {
            assertEquals(10, value.get());
            assertEquals(11, value.incrementAndGet());
            assertEquals(11, value.getAndIncrement());
            assertEquals(12, value.getAndDecrement());
            assertEquals(10, value.decrementAndGet());
            assertEquals(10, value.getAndAdd(5));
            assertEquals(20, value.addAndGet(5));
            assertTrue(value.compareAndSet(20, 7));
            assertFalse(value.compareAndSet(20, 8));
            assertEquals(7, value.compareAndExchange(7, 9));
            assertEquals(9, value.getAndSet(1));
            assertEquals(1, value.getAndUpdate(v -> v * 3));
            assertEquals(6, value.updateAndGet(v -> v * 2));
            assertEquals(6, value.getAndAccumulate(4, Math::max));
            assertEquals(12, value.accumulateAndGet(2, (a, b) -> a * b));
            value.setPlain(1);
            assertEquals(1, value.getPlain());
            value.setOpaque(2);
            assertEquals(2, value.getOpaque());
            value.setRelease(3);
            assertEquals(3, value.getAcquire());
            value.set(Long.MIN_VALUE);
            assertEquals(Long.MIN_VALUE, value.get());
            assertEquals(Long.toString(Long.MIN_VALUE), value.toString());
        }
    }

    @Test
    void intSupportsTheAtomicIntegerOperations()
    {
        try (SharedInt value = SharedInt.create(context, 10))
        {
            assertEquals(11, value.incrementAndGet());
            assertEquals(16, value.addAndGet(5));
            assertTrue(value.compareAndSet(16, Integer.MAX_VALUE));
            assertEquals(Integer.MIN_VALUE, value.incrementAndGet());
            assertEquals(Integer.MIN_VALUE, value.getAndUpdate(v -> 4));
            assertEquals(12, value.accumulateAndGet(3, (a, b) -> a * b));
            value.setRelease(5);
            assertEquals(5, value.getAcquire());
        }
    }

    @Test
    void doubleUpdatesAtomicallyAndComparesRawBits()
    {
        try (SharedDouble value = SharedDouble.create(context, 1.5))
        {
            assertEquals(1.5, value.get());
            assertEquals(1.5, value.getAndAdd(1.0));
            assertEquals(3.5, value.addAndGet(1.0));
            assertTrue(value.compareAndSet(3.5, Double.NaN));
            assertTrue(value.compareAndSet(Double.NaN, 0.0), "NaN equals the same NaN bits");
            assertFalse(value.compareAndSet(-0.0, 1.0), "0.0 and -0.0 differ in bits");
            assertEquals(0.0, value.getAndUpdate(v -> v + 2));
            assertEquals(8.0, value.accumulateAndGet(4.0, (a, b) -> a * b));
            value.setPlain(0.25);
            assertEquals(0.25, value.getPlain());
            assertEquals(0.25, value.getAndSet(0.5));
        }
    }

    @Test
    void arraysSupportElementAtomicsAndBulkCopies()
    {
        try (SharedLongArray longs = SharedLongArray.create(context, new long[] {1, 2, 3, 4});
             SharedIntArray ints = SharedIntArray.create(context, 5);
             SharedDoubleArray doubles = SharedDoubleArray.create(context, new double[] {0.5, 1.5});
             SharedByteArray bytes = SharedByteArray.create(context, new byte[] {1, 2, 3}))
        {
            assertEquals(4, longs.length());
            assertArrayEquals(new long[] {1, 2, 3, 4}, longs.toArray());
            assertEquals(4, longs.incrementAndGet(2));
            assertTrue(longs.compareAndSet(0, 1, 100));
            assertEquals(200, longs.updateAndGet(0, v -> v * 2));
            final long[] window = new long[4];
            longs.copyTo(1, window, 1, 3);
            assertArrayEquals(new long[] {0, 2, 4, 4}, window);
            longs.copyFrom(new long[] {7, 8}, 0, 2, 2);
            assertArrayEquals(new long[] {200, 2, 7, 8}, longs.toArray());
            longs.fill(-1);
            assertArrayEquals(new long[] {-1, -1, -1, -1}, longs.toArray());

            assertArrayEquals(new int[5], ints.toArray(), "new arrays are zeroed");
            ints.set(4, 9);
            assertEquals(10, ints.getAndAccumulate(4, 1, Integer::sum) + 1);
            ints.setRelease(0, 3);
            assertEquals(3, ints.getAcquire(0));

            assertEquals(2.0, doubles.addAndGet(1, 0.5));
            assertTrue(doubles.compareAndSet(0, 0.5, 0.75));
            assertArrayEquals(new double[] {0.75, 2.0}, doubles.toArray());

            bytes.set(0, (byte)9);
            assertEquals(9, bytes.get(0));
            assertArrayEquals(new byte[] {9, 2, 3}, bytes.toArray());
            bytes.fill((byte)4);
            assertArrayEquals(new byte[] {4, 4, 4}, bytes.toArray());
        }
    }

    @Test
    void largeArrayBulkCopyRoundTrips()
    {
        final int length = 1 << 20;
        final double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = i * 0.25;
        }
        try (SharedDoubleArray array = SharedDoubleArray.create(context, values))
        {
            assertArrayEquals(values, array.toArray());
            assertEquals((length - 1) * 0.25, array.get(length - 1));
        }
    }

    @Test
    void indexesAreBoundsCheckedWithClearErrors()
    {
        try (SharedIntArray ints = SharedIntArray.create(context, 4);
             SharedByteArray bytes = SharedByteArray.create(context, 2))
        {
            final IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, () -> ints.get(4));
            assertTrue(ex.getMessage().contains("4"), ex.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> ints.set(-1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> ints.copyTo(2, new int[8], 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> ints.copyTo(0, new int[2], 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> ints.copyFrom(new int[2], 0, 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> bytes.copyFrom(new byte[8], 0, 1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> bytes.get(2));
        }
    }

    @Test
    void badArgumentsAreNamed()
    {
        final IllegalArgumentException negative =
            assertThrows(IllegalArgumentException.class, () -> SharedLongArray.create(context, -1));
        assertTrue(negative.getMessage().contains("length=-1"), negative.getMessage());
        final IllegalArgumentException huge =
            assertThrows(IllegalArgumentException.class, () -> SharedLongArray.create(context, Integer.MAX_VALUE));
        assertTrue(huge.getMessage().contains("length"), huge.getMessage());
        assertEquals("context", assertThrows(NullPointerException.class, () -> SharedLong.create(null,
            1)).getMessage());
        assertEquals("values",
            assertThrows(NullPointerException.class, () -> SharedIntArray.create(context, (int[])null)).getMessage());
        assertEquals("handle", assertThrows(NullPointerException.class, () -> SharedLong.attach(null)).getMessage());
        try (SharedIntArray empty = SharedIntArray.create(context, 0))
        {
            assertEquals(0, empty.toArray().length);
        }
    }

    @Test
    void accessAfterCloseThrowsAndCloseIsIdempotent()
    {
        final SharedLong value = SharedLong.create(context, 1);
        final SharedDoubleArray array = SharedDoubleArray.create(context, 3);
        value.close();
        value.close();
        array.close();
        assertTrue(value.isClosed());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, value::get);
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
        assertThrows(IllegalStateException.class, () -> value.set(1));
        assertThrows(IllegalStateException.class, array::toArray);
        assertThrows(IllegalStateException.class, () -> array.get(0));
        assertFalse(Files.exists(value.handle().file()), "the creator unlinks on close");
    }

    @Test
    void anAttachedMappingSeesTheSameMemory()
    {
        try (SharedLongArray created = SharedLongArray.create(context, 8);
             SharedLongArray attached = SharedLongArray.attach(created.handle()))
        {
            created.set(3, 42);
            assertEquals(42, attached.get(3));
            attached.incrementAndGet(3);
            assertEquals(43, created.get(3));
            attached.close();
            assertEquals(43, created.get(3), "closing an attached mapping leaves the creator's alone");
            assertTrue(Files.exists(created.handle().file()), "only the creator unlinks");
        }
    }

    @Test
    void handlesRoundTripThroughTheirStringFormAndCheckTheirType()
    {
        try (SharedInt value = SharedInt.create(context, 5))
        {
            final SharedHandle handle = value.handle();
            assertEquals(RegionType.INT, handle.type());
            assertEquals(handle, SharedHandle.parse(handle.toString()));
            try (SharedInt again = SharedInt.attach(SharedHandle.parse(handle.toString())))
            {
                assertEquals(5, again.get());
            }
            final IllegalArgumentException wrongType =
                assertThrows(IllegalArgumentException.class, () -> SharedLong.attach(handle));
            assertTrue(wrongType.getMessage().contains("INT"), wrongType.getMessage());
            assertThrows(IllegalArgumentException.class, () -> SharedHandle.parse("nonsense"));
            assertThrows(IllegalArgumentException.class, () -> SharedHandle.parse("FOO@128:/x"));
        }
    }

    @Test
    void closingTheContextClosesItsObjects()
    {
        final ShmContext other = ShmContext.create();
        final SharedLong value = SharedLong.create(other, 1);
        other.close();
        assertTrue(value.isClosed());
        assertFalse(Files.exists(other.directory()));
        assertThrows(IllegalStateException.class, () -> SharedLong.create(other, 1));
    }
}
