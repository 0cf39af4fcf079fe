package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.shm.RegionHeaderDescriptor;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.ShmException;
import io.multiprocessing4j.shm.ring.CorruptRingException;
import io.multiprocessing4j.shm.ring.MpmcRingDescriptor;
import io.multiprocessing4j.shm.ring.RingDescriptor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Garbage written through the file, as another process would, over an attached queue's ring: its header and
 * indices, this process's claim words, and the slots (fault 2 of issue 19: 44 of 1,200 such cases spun past
 * 10 s). Every poll, offer and size either works, times out, or throws an exception that names the fault; none
 * runs past a second. {@code -Dmp4j.test.fuzz.queueCases} sets the count.
 */
final class SharedQueueCorruptionTest
{
    private static final int CASES = Integer.getInteger("mp4j.test.fuzz.queueCases", 1_000);
    private static final int SLOTS = 64;
    private static final int SLOT_LENGTH = 64;

    @Test
    void garbageOverAnAttachedQueuesRingNeverHangsOrCrashes() throws Exception
    {
        final Random random = new Random(19);
        final Map<String, Integer> outcomes = new TreeMap<>();
        try (ShmContext shm = ShmContext.create())
        {
            final int ownSlot = shm.processes().ownSlot();
            for (int trial = 0; trial < CASES; trial++)
            {
                final SharedQueue<Object> queue = SharedQueue.create(
                    shm, 0, Codec.fory(ClassAllowList.defaults()), SLOTS, SLOT_LENGTH);
                try
                {
                    for (int i = random.nextInt(20); i > 0; i--)
                    {
                        queue.offer(0 == i % 3 ? "item " + "x".repeat(random.nextInt(200)) : (Object)(long)i);
                    }
                    scribble(random, Path.of(queue.handle().path()), ownSlot);
                    for (int op = 0; op < 6; op++)
                    {
                        final long start = System.nanoTime();
                        final String outcome = tryOne(random, queue);
                        outcomes.merge(outcome, 1, Integer::sum);
                        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        assertTrue(tookMs < 1_000, "trial " + trial + ": an operation took " + tookMs + " ms");
                        if (!"ok".equals(outcome))
                        {
                            break;
                        }
                    }
                }
                finally
                {
                    queue.close();
                }
            }
        }
        assertTrue(outcomes.getOrDefault(CorruptRingException.class.getSimpleName(), 0) > 0,
            "some garbage must have been reported as a corrupt ring: " + outcomes);
        System.out.println("queue corruption outcomes over " + CASES + " cases: " + outcomes);
    }

    private static String tryOne(final Random random, final SharedQueue<Object> queue)
    {
        try
        {
            switch (random.nextInt(3))
            {
                case 0:
                    queue.poll(Duration.ofMillis(50));
                    break;
                case 1:
                    queue.offer("after " + random.nextInt(), 50, TimeUnit.MILLISECONDS);
                    break;
                default:
                    queue.size();
                    break;
            }
            return "ok";
        }
        catch (final CodecException | ShmException ex)
        {
            return ex.getClass().getSimpleName();
        }
        catch (final InterruptedException | RuntimeException | Error ex)
        {
            fail("an unnamed fault: " + ex, ex);
            return "unreachable";
        }
    }

    /**
     * Writes 1 to 256 random bytes through a file channel at a random place in the ring: its header and
     * indices, this process's claim words, or the slots.
     */
    private static void scribble(final Random random, final Path file, final int ownSlot) throws Exception
    {
        final int ring = RegionHeaderDescriptor.DATA_OFFSET + QueueChannel.RING_OFFSET;
        final int body = ring + RingDescriptor.BODY_OFFSET;
        final int slots = body + MpmcRingDescriptor.SLOTS_OFFSET;
        final int offset;
        switch (random.nextInt(4))
        {
            case 0:
                offset = ring + random.nextInt(RingDescriptor.BODY_OFFSET + MpmcRingDescriptor.PRODUCER_CLAIMS_OFFSET);
                break;
            case 1:
                offset = body + MpmcRingDescriptor.claimBlockOffset(random.nextBoolean() ?
                    MpmcRingDescriptor.PRODUCER_CLAIMS_OFFSET : MpmcRingDescriptor.CONSUMER_CLAIMS_OFFSET, ownSlot) +
                    random.nextInt(MpmcRingDescriptor.CLAIM_BLOCK_LENGTH);
                break;
            default:
                offset = slots + random.nextInt(SLOTS * SLOT_LENGTH);
                break;
        }
        final byte[] garbage = new byte[1 + random.nextInt(256)];
        if (random.nextBoolean())
        {
            random.nextBytes(garbage);
        }
        else
        {
            java.util.Arrays.fill(garbage, (byte)(random.nextBoolean() ? 0xFF : random.nextInt(8)));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            final long room = channel.size() - offset;
            channel.write(ByteBuffer.wrap(garbage, 0, (int)Math.min(garbage.length, room)), offset);
        }
    }
}
