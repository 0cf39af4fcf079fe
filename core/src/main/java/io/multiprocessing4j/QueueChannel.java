package io.multiprocessing4j;

import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.internal.value.MessageEncoder;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.ring.MessageHandler;
import io.multiprocessing4j.shm.ring.MpmcRing;
import io.multiprocessing4j.shm.ring.MpmcRingDescriptor;
import io.multiprocessing4j.shm.ring.RingStatus;
import io.multiprocessing4j.shm.sync.RobustSemaphore;
import io.multiprocessing4j.shm.sync.SemaphoreDescriptor;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the shared queues have in common: an {@link MpmcRing} in a region of their own, an optional count
 * bound kept by a {@link RobustSemaphore}, the codec every process uses for the queue (kept in the region),
 * and messages too long for the ring carried in a file of their own. Layout of the region:
 * <pre>
 *   MAXSIZE_OFFSET       long  the most items the queue holds, 0 for as many as the ring takes
 *   UNFINISHED_OFFSET    long  items put and not yet marked done (JoinableQueue)
 *   CODEC_OFFSET         the queue's {@link SharedCodec}
 *   SEMAPHORE_OFFSET     {@link SemaphoreDescriptor}: a permit per free place when bounded
 *   RING_OFFSET          the ring's {@link io.multiprocessing4j.shm.ring.RingDescriptor}
 * </pre>
 */
abstract class QueueChannel<E> extends SharedObject
{
    /** Ring slots unless told otherwise. */
    static final int DEFAULT_SLOTS = 1 << 15;
    /** Bytes per slot unless told otherwise: a small object or a 48-byte array fits in one. */
    static final int DEFAULT_SLOT_LENGTH = 128;

    static final int MAXSIZE_OFFSET = 0;
    static final int UNFINISHED_OFFSET = 64;
    static final int CODEC_OFFSET = 128;
    static final int SEMAPHORE_OFFSET = 1216;
    static final int RING_OFFSET = SEMAPHORE_OFFSET + SemaphoreDescriptor.LENGTH;

    private static final long serialVersionUID = 1L;
    private static final int SIDE_FILE = 1 << 20;

    final transient ShmContext context;
    final transient UnsafeBuffer buffer;
    final transient int base;
    final transient MpmcRing ring;
    private final transient RobustSemaphore places;
    private final transient long maxsize;
    private final transient Codec codec;
    private final transient ThreadLocal<MessageEncoder> formats = ThreadLocal.withInitial(MessageEncoder::new);
    private final transient ThreadLocal<Taker> takers = ThreadLocal.withInitial(Taker::new);

    QueueChannel(final MappedRegion region, final ShmContext context)
    {
        super(region);
        this.context = context;
        buffer = region.buffer();
        base = region.dataOffset();
        ring = new MpmcRing(buffer, base + RING_OFFSET, context.processes());
        maxsize = buffer.getLong(base + MAXSIZE_OFFSET);
        places = maxsize > 0 ? new RobustSemaphore(buffer, base + SEMAPHORE_OFFSET, context.processes()) : null;
        codec = SharedCodec.read(buffer, base + CODEC_OFFSET, "queue");
    }

    /**
     * @return a new queue region: {@code maxsize} items at most (0 for as many as the ring holds).
     */
    static MappedRegion newQueueRegion(final ShmContext context, final String label, final int maxsize,
        final Codec codec, final int slots, final int slotLength)
    {
        Objects.requireNonNull(context, "context");
        if (maxsize < 0)
        {
            throw new IllegalArgumentException("maxsize must not be negative: " + maxsize);
        }
        final byte[] codecSpec = SharedCodec.spec(Objects.requireNonNull(codec, "codec"));
        final int ringLength = MpmcRing.regionLength(slots, slotLength);
        final long length = ((long)RING_OFFSET + ringLength) / Long.BYTES;
        final RegionPart ring = RegionPart.of(RegionPart.Kind.RING, RING_OFFSET);
        final MappedRegion region = 0 == maxsize ? newRegion(context, RegionType.RING, length, label, ring) :
            newRegion(context, RegionType.RING, length, label + " maxsize " + maxsize, ring,
                RegionPart.of(RegionPart.Kind.SEMAPHORE, SEMAPHORE_OFFSET));
        try
        {
            final UnsafeBuffer buffer = region.buffer();
            final int base = region.dataOffset();
            buffer.putLong(base + MAXSIZE_OFFSET, maxsize);
            SharedCodec.write(buffer, base + CODEC_OFFSET, codecSpec);
            RobustSemaphore.initialize(buffer, base + SEMAPHORE_OFFSET, maxsize, SemaphoreDescriptor.UNBOUNDED);
            MpmcRing.initialize(buffer, base + RING_OFFSET, slots, slotLength,
                (int)Math.min(Integer.MAX_VALUE, MpmcRing.payloadCapacity(
                    Math.min(slots / 4, MpmcRingDescriptor.MAX_RECORD_SLOTS), slotLength)));
            return region;
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    static MappedRegion attachQueueRegion(final SharedHandle handle)
    {
        return attachRegion(handle, RegionType.RING);
    }

    /**
     * @return whether the item was put before the deadline.
     */
    final boolean putUntil(final E item, final long deadlineNanos) throws InterruptedException
    {
        Objects.requireNonNull(item, "a shared queue does not take null");
        checkOpen();
        final MessageEncoder format = formats.get();
        format.encode(item, codec);
        if (null != places && !places.acquire(deadlineNanos, context.idlePolicy().newIdleStrategy()))
        {
            return false;
        }
        boolean sent = false;
        beforePut();
        try
        {
            sent = send(format, deadlineNanos);
            return sent;
        }
        finally
        {
            if (!sent)
            {
                afterFailedPut();
            }
            if (null != places)
            {
                if (sent)
                {
                    places.handOver();
                }
                else
                {
                    places.release();
                }
            }
        }
    }

    /**
     * @return the next item, or null if the deadline passed first.
     */
    @SuppressWarnings("unchecked")
    final E takeUntil(final long deadlineNanos) throws InterruptedException
    {
        checkOpen();
        final Taker taker = takers.get();
        if (RingStatus.DONE != ring.receive(taker, deadlineNanos, context.idlePolicy()))
        {
            return null;
        }
        if (null != places)
        {
            places.release();
        }
        return (E)taker.take();
    }

    /**
     * @return items in the queue now (a snapshot).
     */
    final int count()
    {
        checkOpen();
        return ring.size();
    }

    final long maxsize()
    {
        return maxsize;
    }

    /**
     * @return records lost with consumers that died holding them, and skipped for producers that died writing them.
     */
    public final long lostToDeadProcesses()
    {
        checkOpen();
        return ring.lost() + ring.abandoned();
    }

    void beforePut()
    {
    }

    void afterFailedPut()
    {
    }

    private boolean send(final MessageEncoder format, final long deadlineNanos) throws InterruptedException
    {
        if (format.length() <= ring.maxMessage())
        {
            return RingStatus.DONE == ring.send(format.type(), format.buffer(), 0, format.length(), deadlineNanos,
                context.idlePolicy());
        }
        final MappedRegion file = context.newRegion(RegionType.BYTE_ARRAY, format.length());
        final byte[] name;
        try
        {
            file.buffer().putBytes(file.dataOffset(), format.buffer(), 0, format.length());
            name = file.path().getFileName().toString().getBytes(StandardCharsets.UTF_8);
        }
        catch (final RuntimeException ex)
        {
            file.close();
            throw ex;
        }
        file.closeKeepingFile();
        final boolean sent = RingStatus.DONE == ring.send(SIDE_FILE | format.type(), new UnsafeBuffer(name), 0,
            name.length, deadlineNanos, context.idlePolicy());
        if (!sent)
        {
            MappedRegion.attach(file.path(), RegionType.BYTE_ARRAY,
                ShmConfiguration.attachTimeoutMs()).closeAndDelete();
        }
        return sent;
    }

    private Object decode(final int type, final DirectBuffer message, final int index, final int length)
    {
        if (0 == (type & SIDE_FILE))
        {
            return MessageEncoder.decode(type, message, index, length, codec);
        }
        final String name = message.getStringWithoutLengthUtf8(index, length);
        if (name.isEmpty() || name.contains("/") || name.startsWith("."))
        {
            throw new IllegalStateException("corrupt queue record: side file '" + name + "'");
        }
        final Path path = region().path().resolveSibling(name);
        final MappedRegion file = MappedRegion.attach(path, RegionType.BYTE_ARRAY, ShmConfiguration.attachTimeoutMs());
        try
        {
            return MessageEncoder.decode(type & ~SIDE_FILE, file.buffer(), file.dataOffset(), file.capacity(), codec);
        }
        finally
        {
            file.closeAndDelete();
        }
    }

    /**
     * Receives one item for the thread that owns it (one per thread, so that taking allocates nothing of its own).
     */
    private final class Taker implements MessageHandler
    {
        private Object item;

        public void onMessage(final int type, final DirectBuffer message, final int index, final int length)
        {
            item = decode(type, message, index, length);
        }

        Object take()
        {
            final Object taken = item;
            item = null;
            return taken;
        }
    }
}
