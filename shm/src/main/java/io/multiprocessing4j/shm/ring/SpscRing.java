package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.ProcessTable;
import io.multiprocessing4j.shm.sync.LockWordDescriptor;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import io.multiprocessing4j.shm.IdlePolicy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.Objects;

/**
 * A single-producer, single-consumer ring of typed byte messages between two processes, on Agrona's
 * {@link OneToOneRingBuffer} in a {@link RingDescriptor RING} region. A message longer than a quarter of the
 * ring (Agrona's limit) travels as fragments that the reader reassembles, up to the ring's maximum message
 * length, so a writer blocks until the reader has made room. Each end is held by one process at a time
 * ({@link #takeWriter()}, {@link #takeReader()}); a reader waiting on an empty ring whose writer has closed
 * or died gets {@link RingStatus#PEER_GONE}, and so does a writer waiting on a full ring whose reader has.
 * <p>
 * One thread at a time may write and one at a time may read (the caller serializes its own threads).
 * Agrona's bounds checks stay on: corrupt positions or lengths raise {@link CorruptRingException}, never an
 * out-of-bounds access.
 */
public final class SpscRing
{
    /** The largest message type a caller may use. */
    public static final int MAX_TYPE = (1 << 24) - 1;
    public static final int MIN_CAPACITY = 1024;

    private static final int FRAME_SHIFT = 24;
    private static final int WHOLE = 0;
    private static final int FIRST = 1;
    private static final int MIDDLE = 2;
    private static final int LAST = 3;
    private static final int LIVENESS_CHECK_SENDS_MASK = 4095;
    private static final int SMALL_COPY = 64;

    private final AtomicBuffer header;
    private final int base;
    private final ProcessTable processes;
    private final long self;
    private final OneToOneRingBuffer ring;
    private final int maxFragment;
    private final long maxMessage;
    private final UnsafeBuffer assemblyView = new UnsafeBuffer(new byte[0]);
    private final org.agrona.concurrent.MessageHandler recordHandler = this::onRecord;
    private byte[] assembly;
    private int assembled;
    private int assemblyType;
    private MessageHandler handler;
    private boolean delivered;
    private long sends;

    /**
     * @param buffer    the region's buffer.
     * @param base      where the {@link RingDescriptor} layout starts in it.
     * @param processes the context's process table; this process must be registered.
     * @throws CorruptRingException if the header does not describe an SPSC ring that fits the buffer.
     */
    public SpscRing(final AtomicBuffer buffer, final int base, final ProcessTable processes)
    {
        this.header = Objects.requireNonNull(buffer, "buffer");
        this.base = base;
        this.processes = Objects.requireNonNull(processes, "processes");
        final int kind = buffer.getInt(base + RingDescriptor.KIND_OFFSET);
        final int capacity = buffer.getInt(base + RingDescriptor.CAPACITY_OFFSET);
        maxMessage = buffer.getLong(base + RingDescriptor.MAX_MESSAGE_OFFSET);
        if (RingDescriptor.SPSC != kind || capacity < MIN_CAPACITY || !BitUtil.isPowerOfTwo(capacity) ||
            (long)base + regionLength(capacity) > buffer.capacity() || maxMessage < 0 || maxMessage > Integer.MAX_VALUE)
        {
            throw new CorruptRingException("not an SPSC ring that fits its file: kind " + kind + ", capacity " +
                capacity + ", max message " + maxMessage + ", file capacity " + buffer.capacity());
        }
        ring = new OneToOneRingBuffer(new UnsafeBuffer(
            buffer, base + RingDescriptor.BODY_OFFSET, capacity + RingBufferDescriptor.TRAILER_LENGTH));
        maxFragment = ring.maxMsgLength() - Long.BYTES;
        final int slot = processes.ownSlot();
        if (slot < 0)
        {
            throw new IllegalStateException("this process is not registered in the context's process table");
        }
        self = LockWordDescriptor.owner(slot, processes.generation(slot));
    }

    /**
     * @param capacity the ring's bytes, a power of two of at least {@value #MIN_CAPACITY}.
     * @return the bytes a region needs for it.
     */
    public static int regionLength(final int capacity)
    {
        return RingDescriptor.BODY_OFFSET + capacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * Writes a new ring's header (before any other process can see it).
     *
     * @param maxMessage the longest message writers may send.
     */
    public static void initialize(final AtomicBuffer buffer, final int base, final int capacity, final int maxMessage)
    {
        if (capacity < MIN_CAPACITY || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException(
                "ring capacity must be a power of two of at least " + MIN_CAPACITY + ": " + capacity);
        }
        if (maxMessage < 0)
        {
            throw new IllegalArgumentException("maxMessage must not be negative: " + maxMessage);
        }
        buffer.putInt(base + RingDescriptor.KIND_OFFSET, RingDescriptor.SPSC);
        buffer.putInt(base + RingDescriptor.CAPACITY_OFFSET, capacity);
        buffer.putLong(base + RingDescriptor.MAX_MESSAGE_OFFSET, maxMessage);
    }

    public long maxMessage()
    {
        return maxMessage;
    }

    /**
     * Makes this process the writing end's holder (it reopens the end if a previous holder closed it).
     */
    public void takeWriter()
    {
        take(RingDescriptor.WRITER_HOLDER_OFFSET, RingDescriptor.WRITER_CLOSED_OFFSET);
    }

    public void takeReader()
    {
        take(RingDescriptor.READER_HOLDER_OFFSET, RingDescriptor.READER_CLOSED_OFFSET);
    }

    /**
     * Marks the writing end closed if this process holds it: the reader sees the end of the stream once it
     * has read what was sent.
     *
     * @return whether this process held it.
     */
    public boolean closeWriter()
    {
        return close(RingDescriptor.WRITER_HOLDER_OFFSET, RingDescriptor.WRITER_CLOSED_OFFSET);
    }

    public boolean closeReader()
    {
        return close(RingDescriptor.READER_HOLDER_OFFSET, RingDescriptor.READER_CLOSED_OFFSET);
    }

    /**
     * @return whether the writing end was closed by its holder, or its holder died (asks the kernel).
     */
    public boolean isWriterGone()
    {
        return isGone(RingDescriptor.WRITER_HOLDER_OFFSET, RingDescriptor.WRITER_CLOSED_OFFSET);
    }

    public boolean isReaderGone()
    {
        return isGone(RingDescriptor.READER_HOLDER_OFFSET, RingDescriptor.READER_CLOSED_OFFSET);
    }

    /**
     * Sends one message, in fragments if it is long, waiting as {@code idlePolicy} says while the ring is full.
     *
     * @param type 1 to {@link #MAX_TYPE}.
     * @return {@link RingStatus#DONE}, or {@link RingStatus#PEER_GONE} if the reader is known to have gone: at
     * once if it closed its end, else (its death being a question to the kernel) when the ring is full or
     * within 4,096 sends. A message cut short is never delivered.
     * @throws IllegalArgumentException naming the length and the limit if the message is too long; nothing is sent.
     * @throws InterruptedException if interrupted while waiting; a message cut short is never delivered (the
     * reader drops its fragments when the next message starts).
     */
    public RingStatus send(final int type, final DirectBuffer src, final int offset, final int length,
        final IdlePolicy idlePolicy) throws InterruptedException
    {
        if (type < 1 || type > MAX_TYPE)
        {
            throw new IllegalArgumentException("message type must be between 1 and " + MAX_TYPE + ": " + type);
        }
        if (length > maxMessage)
        {
            throw new IllegalArgumentException(
                "message of " + length + " bytes is longer than this ring's limit of " + maxMessage + " bytes");
        }
        src.boundsCheck(offset, length);
        if (isClosed(RingDescriptor.READER_CLOSED_OFFSET) || (0 == (++sends & LIVENESS_CHECK_SENDS_MASK) &&
            isReaderGone()))
        {
            return RingStatus.PEER_GONE;
        }
        if (length <= maxFragment + Long.BYTES)
        {
            return write(WHOLE, type, -1, src, offset, length, idlePolicy);
        }
        for (int sent = 0; sent < length; )
        {
            final int chunk = Math.min(maxFragment, length - sent);
            final int frame = 0 == sent ? FIRST : sent + chunk == length ? LAST : MIDDLE;
            final RingStatus status = write(frame, type, 0 == sent ? length : -1, src, offset + sent, chunk,
                idlePolicy);
            if (RingStatus.DONE != status)
            {
                return status;
            }
            sent += chunk;
        }
        return RingStatus.DONE;
    }

    /**
     * Receives one message, waiting as {@code idlePolicy} says until {@code deadlineNanos} for it.
     *
     * @return {@link RingStatus#DONE} once {@code handler} has had a message; {@link RingStatus#PEER_GONE}
     * if the ring is empty and its writer has gone.
     * @throws InterruptedException if interrupted while waiting (a message being reassembled stays so).
     */
    public RingStatus receive(final MessageHandler handler, final long deadlineNanos, final IdlePolicy idlePolicy)
        throws InterruptedException
    {
        this.handler = Objects.requireNonNull(handler, "handler");
        delivered = false;
        RingWait wait = null;
        try
        {
            while (true)
            {
                if (0 != readRecord())
                {
                    if (delivered)
                    {
                        return RingStatus.DONE;
                    }
                    continue;
                }
                if (null == wait)
                {
                    wait = new RingWait(header, deadlineNanos, idlePolicy, "a message");
                }
                if (isClosed(RingDescriptor.WRITER_CLOSED_OFFSET) || wait.livenessCheckDue())
                {
                    if (isWriterGone())
                    {
                        if (0 == readRecord())
                        {
                            assembly = null;
                            return RingStatus.PEER_GONE;
                        }
                        if (delivered)
                        {
                            return RingStatus.DONE;
                        }
                    }
                    continue;
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
            this.handler = null;
        }
    }

    /**
     * Reads without waiting: at most one message reaches {@code handler}; the fragments of a long one that
     * are already in the ring are gathered, and the rest on later calls.
     *
     * @return whether {@code handler} had a message.
     */
    public boolean poll(final MessageHandler handler)
    {
        this.handler = Objects.requireNonNull(handler, "handler");
        delivered = false;
        try
        {
            int read;
            do
            {
                read = readRecord();
            }
            while (!delivered && 0 != read);
            return delivered;
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
        }
        finally
        {
            this.handler = null;
        }
    }

    /**
     * @return whether a message (or the start of a long one) is waiting to be read.
     */
    public boolean hasMessage()
    {
        return ring.size() > 0;
    }

    /**
     * Waits as {@code idlePolicy} says until a message is waiting or the writer has gone.
     *
     * @return whether one of those happened before {@code deadlineNanos}.
     */
    public boolean awaitMessage(final long deadlineNanos, final IdlePolicy idlePolicy) throws InterruptedException
    {
        if (hasMessage() || isWriterGone())
        {
            return true;
        }
        final RingWait wait = new RingWait(header, deadlineNanos, idlePolicy, "a message");
        while (!hasMessage())
        {
            if ((isClosed(RingDescriptor.WRITER_CLOSED_OFFSET) || wait.livenessCheckDue()) && isWriterGone())
            {
                return true;
            }
            if (!wait.idle())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return bytes of messages waiting in the ring.
     */
    public int size()
    {
        return ring.size();
    }

    private int readRecord()
    {
        try
        {
            return ring.read(recordHandler, 1);
        }
        catch (final IndexOutOfBoundsException | IllegalStateException ex)
        {
            throw new CorruptRingException("corrupt record in SPSC ring: " + ex.getMessage(), ex);
        }
    }

    private void onRecord(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (length < 0 || (long)index + length > ring.capacity())
        {
            throw new CorruptRingException("record of " + length + " bytes at " + index + " overruns the ring of " +
                ring.capacity() + " bytes");
        }
        final int frame = msgTypeId >>> FRAME_SHIFT;
        final int type = msgTypeId & MAX_TYPE;
        switch (frame)
        {
            case WHOLE:
                assembly = null;
                delivered = true;
                handler.onMessage(type, buffer, index, length);
                break;
            case FIRST:
                final long total = length < Long.BYTES ? -1 : buffer.getLong(index);
                if (length < Long.BYTES || total < length - Long.BYTES || total > maxMessage)
                {
                    throw new CorruptRingException("corrupt first fragment: message of " + total + " bytes, limit " +
                        maxMessage);
                }
                assembly = new byte[(int)total];
                assemblyType = type;
                assembled = 0;
                append(buffer, index + Long.BYTES, length - Long.BYTES);
                break;
            case MIDDLE:
            case LAST:
                if (null == assembly || type != assemblyType)
                {
                    throw new CorruptRingException("fragment of type " + type + " without its first fragment");
                }
                append(buffer, index, length);
                if (LAST == frame)
                {
                    if (assembled != assembly.length)
                    {
                        throw new CorruptRingException(
                            "message of " + assembly.length + " bytes ended after " + assembled);
                    }
                    final byte[] message = assembly;
                    assembly = null;
                    delivered = true;
                    assemblyView.wrap(message);
                    handler.onMessage(type, assemblyView, 0, message.length);
                    assemblyView.wrap(new byte[0]);
                }
                break;
            default:
                throw new CorruptRingException("unknown frame " + frame + " in record type " + msgTypeId);
        }
    }

    private void append(final DirectBuffer buffer, final int index, final int length)
    {
        if (length > assembly.length - assembled)
        {
            throw new CorruptRingException("fragments overrun their message of " + assembly.length + " bytes");
        }
        buffer.getBytes(index, assembly, assembled, length);
        assembled += length;
    }

    private RingStatus write(final int frame, final int type, final int total, final DirectBuffer src, final int offset,
        final int length, final IdlePolicy idlePolicy) throws InterruptedException
    {
        final int prefix = total >= 0 ? Long.BYTES : 0;
        RingWait wait = null;
        while (true)
        {
            final int index = ring.tryClaim(frame << FRAME_SHIFT | type, prefix + length);
            if (index >= 0)
            {
                final AtomicBuffer ringBuffer = ring.buffer();
                if (prefix > 0)
                {
                    ringBuffer.putLong(index, total);
                }
                if (length <= SMALL_COPY)
                {
                    copySmall(ringBuffer, index + prefix, src, offset, length);
                }
                else
                {
                    ringBuffer.putBytes(index + prefix, src, offset, length);
                }
                ring.commit(index);
                return RingStatus.DONE;
            }
            if (null == wait)
            {
                wait = new RingWait(header, Long.MAX_VALUE, idlePolicy, "room in the ring");
            }
            if ((isClosed(RingDescriptor.READER_CLOSED_OFFSET) || wait.livenessCheckDue()) && isReaderGone())
            {
                return RingStatus.PEER_GONE;
            }
            wait.idle();
        }
    }

    /**
     * Copies a few bytes word by word: cheaper than a bulk copy's checks for the small messages most are.
     */
    private static void copySmall(
        final AtomicBuffer dst, final int index, final DirectBuffer src, final int offset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            dst.putLong(index + i, src.getLong(offset + i));
        }
        for (; i < length; i++)
        {
            dst.putByte(index + i, src.getByte(offset + i));
        }
    }

    private void take(final int holderOffset, final int closedOffset)
    {
        header.putLongVolatile(base + closedOffset, 0);
        header.putLongRelease(base + holderOffset, self);
    }

    private boolean close(final int holderOffset, final int closedOffset)
    {
        if (self != header.getLongAcquire(base + holderOffset))
        {
            return false;
        }
        header.putLongRelease(base + closedOffset, 1);
        return true;
    }

    private boolean isClosed(final int closedOffset)
    {
        return 0 != header.getLongAcquire(base + closedOffset);
    }

    private boolean isGone(final int holderOffset, final int closedOffset)
    {
        if (isClosed(closedOffset))
        {
            return true;
        }
        final long holder = header.getLongAcquire(base + holderOffset);
        return LockWordDescriptor.FREE != holder &&
            !processes.isAlive(LockWordDescriptor.slot(holder), LockWordDescriptor.generation(holder));
    }
}
