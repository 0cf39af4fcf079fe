package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.ShmContext;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random words written over the rings' indices, sequences, headers and claims (the reliability plan's
 * fuzz test): every operation either works or throws {@link CorruptRingException} (or, where a mutated
 * header still looks valid, refuses a message longer than its limit by name); none reads out of bounds,
 * allocates without bound, or waits past its deadline.
 */
final class RingFuzzTest
{
    private static final int MUTATIONS = Integer.getInteger("mp4j.test.fuzz.mutations", 10_000);

    @Test
    void mpmcRingSurvivesTenThousandMutations()
    {
        final Random random = new Random(2026);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[200]);
        int corrupt = 0;
        try (ShmContext context = ShmContext.create())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(MpmcRing.regionLength(16, 64),
                64));
            for (int trial = 0; trial < MUTATIONS; trial++)
            {
                buffer.setMemory(0, buffer.capacity(), (byte)0);
                MpmcRing.initialize(buffer, 0, 16, 64, 300);
                MpmcRing ring = new MpmcRing(buffer, 0, context.processes());
                for (int i = 0; i < random.nextInt(6); i++)
                {
                    ring.offer(1 + random.nextInt(9), message, 0, random.nextInt(200));
                }
                mutate(random, buffer);
                final long start = System.nanoTime();
                try
                {
                    ring = new MpmcRing(buffer, 0, context.processes());
                    for (int op = 0; op < 8; op++)
                    {
                        if (random.nextBoolean())
                        {
                            ring.poll((type, view, index, length) -> view.getByte(index + Math.max(0, length - 1)));
                        }
                        else
                        {
                            ring.send(1, message, 0, random.nextInt(200), System.nanoTime(), IdlePolicy.DEFAULT);
                        }
                        ring.size();
                    }
                }
                catch (final CorruptRingException ex)
                {
                    corrupt++;
                }
                catch (final IllegalArgumentException ex)
                {
                    // a header mutated into a smaller, still valid-looking limit refuses a longer message by name
                    assertTrue(ex.getMessage().contains("longer than this ring's limit"), ex.getMessage());
                }
                catch (final RuntimeException | InterruptedException ex)
                {
                    fail("trial " + trial + ": " + ex, ex);
                }
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "trial " + trial +
                    " took too long");
            }
        }
        assertTrue(corrupt > 0, "some mutations must have been caught");
    }

    @Test
    void spscRingSurvivesTenThousandMutations()
    {
        final Random random = new Random(2027);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[3000]);
        try (ShmContext context = ShmContext.create())
        {
            final UnsafeBuffer buffer =
                new UnsafeBuffer(BufferUtil.allocateDirectAligned(SpscRing.regionLength(SpscRing.MIN_CAPACITY), 64));
            for (int trial = 0; trial < MUTATIONS; trial++)
            {
                buffer.setMemory(0, buffer.capacity(), (byte)0);
                SpscRing.initialize(buffer, 0, SpscRing.MIN_CAPACITY, 5000);
                SpscRing ring = new SpscRing(buffer, 0, context.processes());
                try
                {
                    for (int i = 0; i < random.nextInt(4); i++)
                    {
                        ring.send(1 + random.nextInt(9), message, 0, random.nextInt(200), IdlePolicy.DEFAULT);
                    }
                }
                catch (final InterruptedException ex)
                {
                    fail(ex);
                }
                mutate(random, buffer);
                final long start = System.nanoTime();
                try
                {
                    ring = new SpscRing(buffer, 0, context.processes());
                    for (int op = 0; op < 4; op++)
                    {
                        ring.receive((type, view, index, length) -> view.getByte(index + Math.max(0, length - 1)),
                            System.nanoTime(), IdlePolicy.DEFAULT);
                    }
                }
                catch (final CorruptRingException ex)
                {
                    // reported, as it should be
                }
                catch (final RuntimeException | InterruptedException ex)
                {
                    fail("trial " + trial + ": " + ex, ex);
                }
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "trial " + trial +
                    " took too long");
            }
        }
    }

    /**
     * Writes 1 to 4 random words (small, negative, huge or random) at random 4- or 8-byte aligned offsets.
     */
    private static void mutate(final Random random, final UnsafeBuffer buffer)
    {
        final int words = 1 + random.nextInt(4);
        for (int i = 0; i < words; i++)
        {
            final boolean header = random.nextInt(3) == 0;
            final int limit = header ? Math.min(buffer.capacity(), 512) : buffer.capacity();
            final int offset = random.nextInt(limit / 8) * 8 + (random.nextBoolean() ? 0 : 4);
            final long value;
            switch (random.nextInt(5))
            {
                case 0: value = random.nextInt(64) - 8; break;
                case 1: value = -1L - random.nextInt(1 << 20); break;
                case 2: value = Long.MAX_VALUE - random.nextInt(100); break;
                case 3: value = random.nextInt(); break;
                default: value = random.nextLong(); break;
            }
            if (offset + Long.BYTES <= buffer.capacity() && random.nextBoolean())
            {
                buffer.putLong(offset, value);
            }
            else
            {
                buffer.putInt(offset, (int)value);
            }
        }
    }
}
