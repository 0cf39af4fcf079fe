package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.sync.ProcessCountWords;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MPSC ring between threads, with a dead producer's claim forged into its buffer.
 */
final class MpscRingTest
{
    private static final int CAPACITY = 64 * 1024;
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    private ShmContext context;
    private ExecutorService threads;
    private UnsafeBuffer buffer;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
        threads = Executors.newCachedThreadPool();
        buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(MpscRing.regionLength(CAPACITY), 64));
        MpscRing.initialize(buffer, 0, CAPACITY);
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "test threads still use the ring");
        context.close();
    }

    @Test
    void threeProducersEachInOrderNoneLost() throws Exception
    {
        final MpscRing ring = new MpscRing(buffer, 0, context.processes());
        final int perProducer = 100_000;
        final List<CompletableFuture<Void>> producers = new ArrayList<>();
        for (int p = 0; p < 3; p++)
        {
            final int producer = p;
            producers.add(CompletableFuture.runAsync(() ->
            {
                final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
                for (int seq = 0; seq < perProducer; seq++)
                {
                    message.putInt(0, producer);
                    message.putInt(4, seq);
                    try
                    {
                        assertEquals(RingStatus.DONE, ring.send(1, message, 0, 8, System.nanoTime() + WAIT_NS,
                            IdlePolicy.DEFAULT));
                    }
                    catch (final InterruptedException ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                }
            }, threads));
        }
        final int[] next = new int[3];
        for (int i = 0; i < 3 * perProducer; i++)
        {
            assertEquals(RingStatus.DONE, ring.receive((type, view, index, length) ->
            {
                final int producer = view.getInt(index);
                assertEquals(next[producer]++, view.getInt(index + 4), "in each producer's order");
            }, System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));
        }
        for (final CompletableFuture<Void> producer : producers)
        {
            producer.get(30, TimeUnit.SECONDS);
        }
        assertEquals(0, ring.abandoned());
        assertThrows(IllegalArgumentException.class,
            () -> ring.send(1, new UnsafeBuffer(new byte[CAPACITY]), 0, CAPACITY, System.nanoTime(), null));
    }

    @Test
    void aRecordClaimedByADeadProducerIsSkippedButALiveOnesIsWaitedFor() throws Exception
    {
        final MpscRing ring = new MpscRing(buffer, 0, context.processes());
        final ManyToOneRingBuffer raw = new ManyToOneRingBuffer(new UnsafeBuffer(
            buffer, RingDescriptor.MPSC_RING_OFFSET, CAPACITY + RingBufferDescriptor.TRAILER_LENGTH));
        final int claimed = raw.tryClaim(1, 8);
        assertTrue(claimed >= 0);
        // this live process is in the middle of that claim: the consumer waits
        final int ownWord = RingDescriptor.MPSC_CLAIMS_OFFSET + ProcessCountWords.offset(context.processes().ownSlot());
        buffer.getAndAddLong(ownWord, 1);
        ring.send(2, new UnsafeBuffer(new byte[] {9}), 0, 1, System.nanoTime(), null);
        assertEquals(RingStatus.TIMED_OUT, ring.receive((type, view, index, length) -> { },
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100), IdlePolicy.DEFAULT));
        assertEquals(0, ring.abandoned());

        // now the claim is a dead process's (slot 200), and nobody alive is claiming
        buffer.getAndAddLong(ownWord, -1);
        buffer.putLongVolatile(RingDescriptor.MPSC_CLAIMS_OFFSET + ProcessCountWords.offset(200),
            ProcessCountWords.word(7, 1));
        final int[] got = new int[1];
        assertEquals(RingStatus.DONE, ring.receive((type, view, index, length) -> got[0] = type,
            System.nanoTime() + WAIT_NS, IdlePolicy.DEFAULT));
        assertEquals(2, got[0], "the message after the dead producer's claim");
        assertEquals(1, ring.abandoned());
    }
}
