package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.ProcessTable;
import io.multiprocessing4j.shm.sync.ProcessCountWords;
import io.multiprocessing4j.shm.sync.RobustLockWord;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.Objects;

/**
 * A multi-producer, single-consumer ring of typed byte messages on Agrona's {@link ManyToOneRingBuffer} in a
 * {@link RingDescriptor RING} region: any thread of any process may send; one thread at a time receives.
 * Messages are at most an eighth of the ring (Agrona's limit). Each producing process counts the claims it
 * has in progress in its own word, so when the consumer has waited {@value RobustLockWord#LIVENESS_CHECK_INTERVAL_NS}
 * ns on a claimed record that is never committed, and no live process is in the middle of a claim while a
 * dead one was, the record is its dead producer's: Agrona's {@code unblock()} turns it into padding and
 * {@link #abandoned()} counts it. A live producer, however slow, is never unblocked. Thread-safe for producers.
 */
public final class MpscRing
{
    private final AtomicBuffer header;
    private final int base;
    private final ManyToOneRingBuffer ring;
    private final ProcessCountWords claims;

    /**
     * @throws CorruptRingException if the header does not describe an MPSC ring that fits the buffer.
     */
    public MpscRing(final AtomicBuffer buffer, final int base, final ProcessTable processes)
    {
        this.header = Objects.requireNonNull(buffer, "buffer");
        this.base = base;
        final int kind = buffer.getInt(base + RingDescriptor.KIND_OFFSET);
        final int capacity = buffer.getInt(base + RingDescriptor.CAPACITY_OFFSET);
        if (RingDescriptor.MPSC != kind || capacity < SpscRing.MIN_CAPACITY || !BitUtil.isPowerOfTwo(capacity) ||
            (long)base + regionLength(capacity) > buffer.capacity())
        {
            throw new CorruptRingException("not an MPSC ring that fits its file: kind " + kind + ", capacity " +
                capacity + ", file capacity " + buffer.capacity());
        }
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            buffer, base + RingDescriptor.MPSC_RING_OFFSET, capacity + RingBufferDescriptor.TRAILER_LENGTH));
        claims = new ProcessCountWords(buffer, base + RingDescriptor.MPSC_CLAIMS_OFFSET, processes);
        claims.claimOwn();
    }

    /**
     * @param capacity the ring's bytes, a power of two of at least {@value SpscRing#MIN_CAPACITY}.
     */
    public static int regionLength(final int capacity)
    {
        return RingDescriptor.MPSC_RING_OFFSET + capacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    public static void initialize(final AtomicBuffer buffer, final int base, final int capacity)
    {
        if (capacity < SpscRing.MIN_CAPACITY || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException(
                "ring capacity must be a power of two of at least " + SpscRing.MIN_CAPACITY + ": " + capacity);
        }
        buffer.putInt(base + RingDescriptor.KIND_OFFSET, RingDescriptor.MPSC);
        buffer.putInt(base + RingDescriptor.CAPACITY_OFFSET, capacity);
        buffer.putLong(base + RingDescriptor.MAX_MESSAGE_OFFSET, capacity / 8 - 8);
    }

    public int maxMessage()
    {
        return ring.maxMsgLength();
    }

    /**
     * @return records skipped because their producer died before committing them.
     */
    public long abandoned()
    {
        return header.getLongVolatile(base + RingDescriptor.MPSC_ABANDONED_OFFSET);
    }

    /**
     * Sends one message, waiting as {@code idlePolicy} says until {@code deadlineNanos} for room.
     *
     * @param type 1 or more.
     * @return {@link RingStatus#DONE} or {@link RingStatus#TIMED_OUT}.
     * @throws IllegalArgumentException naming the length and the limit if the message is too long.
     */
    public RingStatus send(final int type, final DirectBuffer src, final int offset, final int length,
        final long deadlineNanos, final IdlePolicy idlePolicy) throws InterruptedException
    {
        if (length < 0 || length > ring.maxMsgLength())
        {
            throw new IllegalArgumentException(
                "message of " + length + " bytes is longer than this ring's limit of " + ring.maxMsgLength() +
                    " bytes");
        }
        if (type < 1)
        {
            throw new IllegalArgumentException("message type must be positive: " + type);
        }
        src.boundsCheck(offset, length);
        RingWait wait = null;
        claims.add(1);
        try
        {
            while (true)
            {
                final int index = ring.tryClaim(type, length);
                if (index >= 0)
                {
                    ring.buffer().putBytes(index, src, offset, length);
                    ring.commit(index);
                    return RingStatus.DONE;
                }
                if (null == wait)
                {
                    wait = new RingWait(header, deadlineNanos, idlePolicy, "room in the ring");
                }
                if (!wait.idle())
                {
                    return RingStatus.TIMED_OUT;
                }
            }
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
        }
        finally
        {
            claims.add(-1);
        }
    }

    /**
     * Receives one message, waiting as {@code idlePolicy} says until {@code deadlineNanos}. One thread at a time.
     *
     * @return {@link RingStatus#DONE} once {@code handler} has had a message, or {@link RingStatus#TIMED_OUT}.
     */
    public RingStatus receive(final MessageHandler handler, final long deadlineNanos, final IdlePolicy idlePolicy)
        throws InterruptedException
    {
        Objects.requireNonNull(handler, "handler");
        RingWait wait = null;
        long stuckSince = 0;
        long stuckAt = -1;
        while (true)
        {
            final int read;
            try
            {
                read = ring.read((type, buffer, index, length) -> handler.onMessage(type, buffer, index, length), 1);
            }
            catch (final IndexOutOfBoundsException | IllegalStateException ex)
            {
                throw new CorruptRingException("corrupt record in MPSC ring: " + ex.getMessage(), ex);
            }
            if (read > 0)
            {
                return RingStatus.DONE;
            }
            final long now = System.nanoTime();
            final long consumer = ring.consumerPosition();
            if (ring.producerPosition() != consumer)
            {
                if (consumer != stuckAt)
                {
                    stuckAt = consumer;
                    stuckSince = now;
                }
                else if (now - stuckSince >= RobustLockWord.LIVENESS_CHECK_INTERVAL_NS)
                {
                    stuckSince = now;
                    unblockIfItsProducerDied();
                    continue;
                }
            }
            if (null == wait)
            {
                wait = new RingWait(header, deadlineNanos, idlePolicy, "a message");
            }
            if (!wait.idle())
            {
                return RingStatus.TIMED_OUT;
            }
        }
    }

    /**
     * A record claimed and never committed holds up the consumer: if no live process is claiming and a dead
     * one was, it is the dead one's, and is skipped.
     */
    private void unblockIfItsProducerDied()
    {
        if (0 == claims.liveTotal() && claims.reclaimDead() > 0 && ring.unblock())
        {
            header.getAndAddLong(base + RingDescriptor.MPSC_ABANDONED_OFFSET, 1);
        }
    }
}
