package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.IdlePolicy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SPSC ring between two threads over one mapped region; the multi-JVM behaviour is tested through
 * {@code Pipe} in core.
 */
final class SpscRingTest
{
    private static final int CAPACITY = 64 * 1024;
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    private ShmContext context;
    private ExecutorService threads;
    private MappedRegion region;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
        threads = Executors.newCachedThreadPool();
        region = context.newRegion(RegionType.RING, SpscRing.regionLength(CAPACITY));
        SpscRing.initialize(region.buffer(), region.dataOffset(), CAPACITY, 64 << 20);
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "test threads still use the ring");
        context.close();
    }

    private SpscRing ring()
    {
        return new SpscRing(region.buffer(), region.dataOffset(), context.processes());
    }

    @Test
    void messagesOfEverySizeArriveWholeInOrderIncludingEmptyAndSixteenMebibyteOnes() throws Exception
    {
        final SpscRing writer = ring();
        final SpscRing reader = ring();
        final Random random = new Random(42);
        final List<byte[]> sent = new ArrayList<>();
        for (final int length : new int[] {0, 1, 7, 100, 4_000, 16_376, 16_377, 16_384, 100_000, 16 << 20, 3})
        {
            final byte[] message = new byte[length];
            random.nextBytes(message);
            sent.add(message);
        }
        final CompletableFuture<Void> writing = CompletableFuture.runAsync(() ->
        {
            int type = 1;
            for (final byte[] message : sent)
            {
                assertEquals(RingStatus.DONE, sendQuietly(writer, type++, message));
            }
        }, threads);
        for (int i = 0; i < sent.size(); i++)
        {
            final byte[][] received = new byte[1][];
            final int[] type = new int[1];
            assertEquals(RingStatus.DONE, reader.receive((t, buffer, index, length) ->
            {
                type[0] = t;
                received[0] = new byte[length];
                buffer.getBytes(index, received[0]);
            }, System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));
            assertEquals(i + 1, type[0]);
            assertArrayEquals(sent.get(i), received[0], "message " + i + " of " + sent.get(i).length + " bytes");
        }
        writing.get(30, TimeUnit.SECONDS);
        assertFalse(reader.hasMessage());
    }

    @Test
    void aMillionSequencedMessagesWithChecksumsNoneLostDuplicatedOrReordered() throws Exception
    {
        final SpscRing writer = ring();
        final SpscRing reader = ring();
        final int count = 1_000_000;
        final CompletableFuture<Void> writing = CompletableFuture.runAsync(() ->
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[32]);
            for (long seq = 0; seq < count; seq++)
            {
                final int length = 8 + (int)(seq % 17);
                message.putLong(0, seq);
                final CRC32C crc = new CRC32C();
                crc.update(message.byteArray(), 0, length);
                message.putInt(length, (int)crc.getValue());
                assertEquals(RingStatus.DONE, sendQuietly(writer, 1, message, length + 4));
            }
        }, threads);
        final long[] expected = {0};
        final IdlePolicy idle = IdlePolicy.DEFAULT;
        for (int i = 0; i < count; i++)
        {
            assertEquals(RingStatus.DONE, reader.receive((type, buffer, index, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(index, bytes);
                final CRC32C crc = new CRC32C();
                crc.update(bytes, 0, length - 4);
                assertEquals((int)crc.getValue(), buffer.getInt(index + length - 4), "checksum");
                assertEquals(expected[0]++, buffer.getLong(index), "sequence");
            }, System.nanoTime() + WAIT_NS, idle));
        }
        writing.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aReaderDrainsWhatWasSentThenSeesTheWriterGone() throws Exception
    {
        final SpscRing writer = ring();
        final SpscRing reader = ring();
        writer.takeWriter();
        reader.takeReader();
        sendQuietly(writer, 5, new byte[] {1, 2, 3});
        assertFalse(reader.isWriterGone());
        assertTrue(writer.closeWriter());
        assertTrue(reader.isWriterGone());
        final int[] got = new int[1];
        assertEquals(RingStatus.DONE, reader.receive((type, buffer, index, length) -> got[0] = length,
            System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));
        assertEquals(3, got[0]);
        final long start = System.nanoTime();
        assertEquals(RingStatus.PEER_GONE, reader.receive((type, buffer, index, length) -> { },
            System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100));

        writer.takeWriter();
        assertFalse(reader.isWriterGone(), "taking an end again reopens it");
        assertEquals(RingStatus.TIMED_OUT, reader.receive((type, buffer, index, length) -> { },
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), IdlePolicy.DEFAULT));
    }

    @Test
    void aTooLongMessageIsRefusedNamingItsLengthAndTheRingStaysUsable() throws Exception
    {
        final MappedRegion small = context.newRegion(RegionType.RING, SpscRing.regionLength(4096));
        SpscRing.initialize(small.buffer(), small.dataOffset(), 4096, 10_000);
        final SpscRing ring = new SpscRing(small.buffer(), small.dataOffset(), context.processes());
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> sendChecked(ring, 1, new byte[10_001]));
        assertTrue(refused.getMessage().contains("10001 bytes") && refused.getMessage().contains("10000"),
            refused.getMessage());
        assertFalse(ring.hasMessage());
        final CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> sendQuietly(ring, 1, new byte[10_000]),
            threads);
        final int[] got = new int[1];
        assertEquals(RingStatus.DONE, ring.receive((type, buffer, index, length) -> got[0] = length,
            System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));
        assertEquals(10_000, got[0]);
        writing.get(30, TimeUnit.SECONDS);
        assertThrows(IllegalArgumentException.class, () -> sendChecked(ring, 0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> sendChecked(ring, SpscRing.MAX_TYPE + 1, new byte[1]));
    }

    @Test
    void aCorruptHeaderOrRecordIsReportedNeverReadOutOfBounds() throws Exception
    {
        final UnsafeBuffer buffer = region.buffer();
        final int base = region.dataOffset();
        buffer.putInt(base + RingDescriptor.CAPACITY_OFFSET, 1 << 30);
        assertThrows(CorruptRingException.class, this::ring);
        buffer.putInt(base + RingDescriptor.CAPACITY_OFFSET, CAPACITY);
        buffer.putInt(base + RingDescriptor.KIND_OFFSET, RingDescriptor.MPMC);
        assertThrows(CorruptRingException.class, this::ring);
        buffer.putInt(base + RingDescriptor.KIND_OFFSET, RingDescriptor.SPSC);

        final SpscRing ring = ring();
        sendChecked(ring, 1, new byte[16]);
        // the record's length (the first int of the ring body) now claims more than the ring holds
        buffer.putIntVolatile(base + RingDescriptor.BODY_OFFSET, CAPACITY * 4);
        assertThrows(CorruptRingException.class, () -> ring.receive((type, b, index, length) -> { },
            System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));

        final MappedRegion other = context.newRegion(RegionType.RING, SpscRing.regionLength(CAPACITY));
        SpscRing.initialize(other.buffer(), other.dataOffset(), CAPACITY, 1 << 20);
        final SpscRing fresh = new SpscRing(other.buffer(), other.dataOffset(), context.processes());
        sendChecked(fresh, 1, new byte[20_000]); // three fragments
        // a first fragment that announces a message far above the limit is refused before allocating it
        final int firstFragmentTotal = other.dataOffset() + RingDescriptor.BODY_OFFSET + 8;
        other.buffer().putLong(firstFragmentTotal, Long.MAX_VALUE);
        assertThrows(CorruptRingException.class, () -> fresh.receive((type, b, index, length) -> { },
            System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));
        assertEquals(RingBufferDescriptor.TRAILER_LENGTH + CAPACITY + RingDescriptor.BODY_OFFSET,
            SpscRing.regionLength(CAPACITY));
    }

    private static RingStatus sendQuietly(final SpscRing ring, final int type, final byte[] message)
    {
        return sendQuietly(ring, type, new UnsafeBuffer(message), message.length);
    }

    private static RingStatus sendQuietly(final SpscRing ring, final int type, final UnsafeBuffer message,
        final int length)
    {
        try
        {
            return ring.send(type, message, 0, length, IdlePolicy.DEFAULT);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void sendChecked(final SpscRing ring, final int type,
        final byte[] message) throws InterruptedException
    {
        ring.send(type, new UnsafeBuffer(message), 0, message.length, IdlePolicy.DEFAULT);
    }
}
