package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ring.SpscRing;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.Pipe()}: two {@link Connection}s joined by one (one-way) or two (duplex)
 * single-producer, single-consumer rings in a shared file. {@code first()} and {@code second()} are
 * Python's {@code conn1, conn2}; for a one-way pipe, {@code first()} reads and {@code second()} writes, as
 * in Python's {@code (reader, writer)}. Pass an end to a child process as a target's argument or capture.
 * Closing the pipe closes both ends here and removes its file; ends already attached in other processes
 * keep working. If it is never closed, its context removes the file when it closes. Objects other than plain values
 * travel through the pipe's codec: Apache Fory, allowing the default packages, the package of the code that created
 * the pipe, and the {@code allowClasses} prefixes given at creation (kept in the pipe's file, so every process
 * decodes alike; {@link Connection#setCodec} changes one end's). Thread-safe.
 * <p>
 * Layout of its region:
 * <pre>
 *   DUPLEX_OFFSET        int  1 if duplex
 *   RING_LENGTH_OFFSET   int  bytes of each ring's layout
 *   CODEC_OFFSET         the pipe's {@link SharedCodec}
 *   RING_OFFSET          ring 0 (first to second, or second to first in a one-way pipe), then ring 1 (second
 *                        to first) if duplex, each a {@link io.multiprocessing4j.shm.ring.RingDescriptor}
 * </pre>
 */
public final class Pipe implements AutoCloseable
{
    /** Bytes of each direction's ring unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 1 << 20;
    /** The longest message unless told otherwise. */
    public static final int DEFAULT_MAX_MESSAGE = 128 << 20;

    static final int DUPLEX_OFFSET = 0;
    static final int RING_LENGTH_OFFSET = 4;
    static final int CODEC_OFFSET = 8;
    static final int RING_OFFSET = BitUtil.align(CODEC_OFFSET + SharedCodec.LENGTH, BitUtil.CACHE_LINE_LENGTH);

    private final MappedRegion region;
    private final Connection first;
    private final Connection second;

    private Pipe(final MappedRegion region)
    {
        this.region = region;
        final SharedHandle handle = new SharedHandle(region.type(), region.dataOffset(), region.path().toString());
        first = Connection.First.attach(handle);
        second = Connection.Second.attach(handle);
    }

    /**
     * Names the pipe in {@code mp shm ls} and {@code stat} ("pipe" or "duplex pipe" until then), as
     * {@link io.multiprocessing4j.shm.value.SharedObject#label(String)} does for shared objects.
     *
     * @return this pipe.
     */
    public Pipe label(final String label)
    {
        region.label(label);
        return this;
    }

    /**
     * @return a duplex pipe with the default capacity and message limit.
     */
    public static Pipe create(final ShmContext context)
    {
        return create(context, true);
    }

    /**
     * @param duplex       false for a one-way pipe: {@link #first()} reads what {@link #second()} writes.
     * @param allowClasses class-name prefixes ({@code "com.acme."}) whose objects may travel through the pipe besides
     *                     the defaults and the creating code's package.
     */
    public static Pipe create(final ShmContext context, final boolean duplex, final String... allowClasses)
    {
        return create(context, duplex, DEFAULT_CAPACITY, DEFAULT_MAX_MESSAGE, allowClasses);
    }

    /**
     * @param capacity     bytes of each direction's ring, a power of two of at least
     *                     {@value SpscRing#MIN_CAPACITY}; longer messages pass in pieces.
     * @param maxMessage   the longest message either end may send, in bytes.
     * @param allowClasses class-name prefixes ({@code "com.acme."}) whose objects may travel through the pipe besides
     *                     the defaults and the creating code's package.
     */
    public static Pipe create(final ShmContext context, final boolean duplex, final int capacity, final int maxMessage,
        final String... allowClasses)
    {
        Objects.requireNonNull(context, "context");
        final byte[] codec = SharedCodec.spec(Codec.fory(ClassAllowList.defaults().with(allowClasses)));
        if (capacity < SpscRing.MIN_CAPACITY || !BitUtil.isPowerOfTwo(capacity) ||
            capacity > (Integer.MAX_VALUE - RING_OFFSET) / 2 - SpscRing.regionLength(0))
        {
            throw new IllegalArgumentException(
                "capacity must be a power of two of at least " + SpscRing.MIN_CAPACITY + ": " + capacity);
        }
        if (maxMessage < 0)
        {
            throw new IllegalArgumentException("maxMessage must not be negative: " + maxMessage);
        }
        final int ringLength = SpscRing.regionLength(capacity);
        final MappedRegion region = context.newRegion(RegionType.RING, RING_OFFSET + (duplex ? 2 : 1) * ringLength,
            duplex ? "duplex pipe" : "pipe", duplex ?
                List.of(RegionPart.of(RegionPart.Kind.RING, RING_OFFSET),
                    RegionPart.of(RegionPart.Kind.RING, RING_OFFSET + ringLength)) :
                List.of(RegionPart.of(RegionPart.Kind.RING, RING_OFFSET)));
        try
        {
            final UnsafeBuffer buffer = region.buffer();
            final int base = region.dataOffset();
            buffer.putInt(base + DUPLEX_OFFSET, duplex ? 1 : 0);
            buffer.putInt(base + RING_LENGTH_OFFSET, ringLength);
            SharedCodec.write(buffer, base + CODEC_OFFSET, codec);
            SpscRing.initialize(buffer, base + RING_OFFSET, capacity, maxMessage);
            if (duplex)
            {
                SpscRing.initialize(buffer, base + RING_OFFSET + ringLength, capacity, maxMessage);
            }
            return new Pipe(region);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * @return Python's {@code conn1}; the reading end of a one-way pipe.
     */
    public Connection first()
    {
        return first;
    }

    /**
     * @return Python's {@code conn2}; the writing end of a one-way pipe.
     */
    public Connection second()
    {
        return second;
    }

    public void close()
    {
        first.close();
        second.close();
        region.close();
    }

    public String toString()
    {
        return "Pipe[" + first + ", " + second + "]";
    }
}
