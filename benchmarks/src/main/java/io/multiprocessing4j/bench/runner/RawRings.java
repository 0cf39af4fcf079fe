package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.shm.SharedHandle;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.MappedByteBuffer;

/**
 * The raw-Agrona anchor of the channel workloads: Agrona ring buffers over a mapped file, with nothing of
 * ours in between. A ring of {@link #CAPACITY} bytes starts at the region's data offset plus
 * {@code index * LENGTH}.
 */
final class RawRings implements AutoCloseable
{
    static final int CAPACITY = 4 << 20;
    static final int LENGTH = CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;

    private final MappedByteBuffer mapping;
    private final UnsafeBuffer file;
    private final int offset;

    RawRings(final SharedHandle handle)
    {
        mapping = IoUtil.mapExistingFile(handle.file().toFile(), "rings");
        file = new UnsafeBuffer(mapping);
        offset = handle.offset();
    }

    RingBuffer oneToOne(final int index)
    {
        return new OneToOneRingBuffer(new UnsafeBuffer(file, offset + index * LENGTH, LENGTH));
    }

    RingBuffer manyToOne(final int index)
    {
        return new ManyToOneRingBuffer(new UnsafeBuffer(file, offset + index * LENGTH, LENGTH));
    }

    /**
     * Writes {@code count} messages of {@code length} bytes, spinning while the ring is full.
     */
    static void write(final RingBuffer ring, final int count, final int length)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[length]);
        for (int i = 0; i < count; i++)
        {
            message.putInt(0, i);
            while (!ring.write(1, message, 0, length))
            {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Reads {@code count} messages, spinning while the ring is empty.
     */
    static void read(final RingBuffer ring, final long count)
    {
        final long[] read = {0};
        while (read[0] < count)
        {
            if (0 == ring.read((type, buffer, index, length) -> read[0]++))
            {
                Thread.onSpinWait();
            }
        }
    }

    public void close()
    {
        IoUtil.unmap(mapping);
    }
}
