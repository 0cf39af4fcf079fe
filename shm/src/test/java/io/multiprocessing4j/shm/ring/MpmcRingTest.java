package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.IdlePolicy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MPMC ring between threads over one mapped region, with the claims of dead processes forged into its
 * file; the multi-JVM behaviour (with real kills) is tested through {@code SharedQueue} in core.
 */
final class MpmcRingTest
{
    private static final int SLOT = 64;
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int DEAD_SLOT = 200;
    private static final long DEAD_GENERATION = 7;

    private ShmContext context;
    private ExecutorService threads;
    private MappedRegion region;
    private int body;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "test threads still use the ring");
        context.close();
    }

    private MpmcRing ring(final int capacity, final int maxMessage)
    {
        region = context.newRegion(RegionType.RING, MpmcRing.regionLength(capacity, SLOT));
        MpmcRing.initialize(region.buffer(), region.dataOffset(), capacity, SLOT, maxMessage);
        body = region.dataOffset() + RingDescriptor.BODY_OFFSET;
        return new MpmcRing(region.buffer(), region.dataOffset(), context.processes());
    }

    @Test
    void fourProducersTwoConsumersEveryMessageOnceInEachProducersOrder() throws Exception
    {
        final MpmcRing ring = ring(1024, 1000);
        final int producers = 4;
        final int perProducer = 100_000;
        final List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int producer = p;
            sending.add(CompletableFuture.runAsync(() ->
            {
                final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
                for (int seq = 0; seq < perProducer; seq++)
                {
                    final int length = 12 + (seq * 7 + producer) % 200;
                    message.putInt(0, producer);
                    message.putInt(4, seq);
                    final CRC32C crc = new CRC32C();
                    crc.update(message.byteArray(), 0, length - 4);
                    message.putInt(length - 4, (int)crc.getValue());
                    sendOrFail(ring, message, length);
                }
            }, threads));
        }
        final AtomicInteger received = new AtomicInteger();
        final boolean[][] seen = new boolean[producers][perProducer];
        final List<CompletableFuture<String>> consuming = new ArrayList<>();
        for (int c = 0; c < 2; c++)
        {
            consuming.add(CompletableFuture.supplyAsync(() ->
            {
                final int[] last = {-1, -1, -1, -1};
                final IdlePolicy idle = IdlePolicy.DEFAULT;
                final String[] problem = {null};
                while (received.get() < producers * perProducer)
                {
                    try
                    {
                        ring.receive((type, buffer, index, length) ->
                        {
                            final byte[] bytes = new byte[length];
                            buffer.getBytes(index, bytes);
                            final CRC32C crc = new CRC32C();
                            crc.update(bytes, 0, length - 4);
                            final UnsafeBuffer view = new UnsafeBuffer(bytes);
                            final int producer = view.getInt(0);
                            final int seq = view.getInt(4);
                            if ((int)crc.getValue() != view.getInt(length - 4) || seq <= last[producer])
                            {
                                problem[0] = "bad message " + producer + "/" + seq + " after " + last[producer];
                            }
                            last[producer] = seq;
                            synchronized (seen)
                            {
                                if (seen[producer][seq])
                                {
                                    problem[0] = "duplicate " + producer + "/" + seq;
                                }
                                seen[producer][seq] = true;
                            }
                            received.incrementAndGet();
                        }, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100), idle);
                    }
                    catch (final InterruptedException ex)
                    {
                        return "interrupted";
                    }
                }
                return problem[0];
            }, threads));
        }
        for (final CompletableFuture<Void> producer : sending)
        {
            producer.get(120, TimeUnit.SECONDS);
        }
        for (final CompletableFuture<String> consumer : consuming)
        {
            assertEquals(null, consumer.get(120, TimeUnit.SECONDS));
        }
        assertEquals(producers * perProducer, received.get());
        assertEquals(0, ring.size());
        assertEquals(0, ring.abandoned() + ring.lost());
    }

    @Test
    void offerPollTimeoutsSpanningAndLimitsBehave() throws Exception
    {
        final MpmcRing ring = ring(16, 400);
        assertFalse(ring.poll((type, buffer, index, length) -> { }));
        final long start = System.nanoTime();
        assertEquals(RingStatus.TIMED_OUT, ring.receive((type, buffer, index, length) -> { },
            start + TimeUnit.MILLISECONDS.toNanos(100), IdlePolicy.DEFAULT));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));

        final byte[] big = new byte[400];
        for (int i = 0; i < big.length; i++)
        {
            big[i] = (byte)i;
        }
        assertEquals(8, ring.slotsFor(400));
        assertTrue(ring.offer(3, new UnsafeBuffer(big), 0, big.length));
        assertTrue(ring.offer(4, new UnsafeBuffer(new byte[0]), 0, 0));
        assertEquals(2, ring.size());
        int sent = 2;
        while (ring.offer(5, new UnsafeBuffer(new byte[8]), 0, 8))
        {
            sent++;
        }
        assertEquals(9, sent, "8 slots for the big one, 1 for the empty one, 7 for the rest");
        final byte[][] got = new byte[1][];
        final int[] type = new int[1];
        assertTrue(ring.poll((t, buffer, index, length) ->
        {
            type[0] = t;
            got[0] = new byte[length];
            buffer.getBytes(index, got[0]);
        }));
        assertEquals(3, type[0]);
        assertArrayEquals(big, got[0]);
        assertTrue(ring.poll((t, buffer, index, length) -> type[0] = t + 100 * length));
        assertEquals(4, type[0]);
        assertThrows(IllegalArgumentException.class, () -> ring.offer(1, new UnsafeBuffer(new byte[401]), 0, 401));
        assertThrows(IllegalArgumentException.class, () -> ring.offer(0, new UnsafeBuffer(new byte[1]), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> MpmcRing.initialize(region.buffer(), region.dataOffset(), 16,
            SLOT, 10_000));
    }

    @Test
    void aRecordWhoseProducerDiedBeforePublishingIsSkipped() throws Exception
    {
        final MpmcRing ring = ring(64, 100);
        // a dead process (slot 200) claimed position 0 for 2 slots and never published
        forgeClaimBlock(MpmcRingDescriptor.PRODUCER_CLAIMS_OFFSET, MpmcRingDescriptor.claim(0, 2));
        region.buffer().putLongVolatile(body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET, 2);
        assertTrue(ring.offer(9, new UnsafeBuffer(new byte[] {42}), 0, 1));

        final int[] got = new int[1];
        final long start = System.nanoTime();
        assertEquals(RingStatus.DONE, ring.receive((type, buffer, index, length) -> got[0] = buffer.getByte(index),
            start + WAIT_NS, IdlePolicy.DEFAULT));
        assertEquals(42, got[0], "the message after the dead producer's claim arrives");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertEquals(1, ring.abandoned());
        assertEquals(0, ring.size());
    }

    @Test
    void slotsTakenByAConsumerThatDiedAreFreedForProducers() throws Exception
    {
        final MpmcRing ring = ring(4, 40);
        for (int i = 0; i < 4; i++)
        {
            assertTrue(ring.offer(1, new UnsafeBuffer(new byte[8]), 0, 8));
        }
        // a dead consumer took position 0 and never freed its slot
        forgeClaimBlock(MpmcRingDescriptor.CONSUMER_CLAIMS_OFFSET, MpmcRingDescriptor.claim(0, 1));
        region.buffer().putLongVolatile(body + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET, 1);
        assertEquals(RingStatus.DONE, ring.send(1, new UnsafeBuffer(new byte[8]), 0, 8,
            System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));
        assertEquals(1, ring.lost());
        assertEquals(4, ring.size());
    }

    @Test
    void aLiveClaimIsNeverOvertakenHoweverLongItTakes() throws Exception
    {
        final MpmcRing ring = ring(64, 100);
        // this (live) process claimed position 0 and has not published yet
        final int ownBlock = body + MpmcRingDescriptor.claimBlockOffset(
            MpmcRingDescriptor.PRODUCER_CLAIMS_OFFSET, context.processes().ownSlot());
        region.buffer().putLongVolatile(ownBlock + 3 * Long.BYTES, MpmcRingDescriptor.claim(0, 1));
        region.buffer().putLongVolatile(body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET, 1);
        assertEquals(RingStatus.TIMED_OUT, ring.receive((type, buffer, index, length) -> { },
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300), IdlePolicy.DEFAULT));
        assertEquals(0, ring.abandoned());
    }

    @Test
    void anInterruptedWaiterTakesNothingAndCorruptRecordsAreReported() throws Exception
    {
        final MpmcRing ring = ring(16, 100);
        final AtomicBoolean interrupted = new AtomicBoolean();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                ring.receive((type, buffer, index, length) -> { }, System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT);
            }
            catch (final InterruptedException ex)
            {
                interrupted.set(true);
            }
        });
        waiter.start();
        Thread.sleep(50);
        waiter.interrupt();
        waiter.join(10_000);
        assertTrue(interrupted.get());
        assertTrue(ring.offer(1, new UnsafeBuffer(new byte[4]), 0, 4));
        assertEquals(1, ring.size());

        final int first = body + MpmcRingDescriptor.SLOTS_OFFSET;
        region.buffer().putInt(first + MpmcRingDescriptor.LENGTH_OFFSET, 1 << 30);
        assertThrows(CorruptRingException.class, () -> ring.poll((type, buffer, index, length) -> { }));
        region.buffer().putInt(region.dataOffset() + RingDescriptor.SLOT_LENGTH_OFFSET, 12);
        assertThrows(CorruptRingException.class,
            () -> new MpmcRing(region.buffer(), region.dataOffset(), context.processes()));
    }

    private void forgeClaimBlock(final int claimsOffset, final long claim)
    {
        final int block = body + MpmcRingDescriptor.claimBlockOffset(claimsOffset, DEAD_SLOT);
        region.buffer().putLongVolatile(block, DEAD_GENERATION);
        region.buffer().putLongVolatile(block + Long.BYTES, claim);
    }

    private static void sendOrFail(final MpmcRing ring, final UnsafeBuffer message, final int length)
    {
        try
        {
            if (RingStatus.DONE != ring.send(1, message, 0, length, System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT))
            {
                throw new IllegalStateException("send timed out");
            }
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
