package io.multiprocessing4j.shm;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The buffer over a mapped region: an {@link UnsafeBuffer} whose compare-and-set reads the word first. The
 * JDK turns a fault in a read of a mapping whose file has shrunk into an {@link InternalError}, but a fault in
 * an interpreted compare-and-set crashes the JVM; the read, of a line the CAS fetches anyway, makes the first
 * fault a read's. JDK 21 and later throw that read's error at once, before the CAS; JDK 17 throws it only at
 * a later safepoint, so there the CAS still crashes (see {@link MappedFiles}). Thread-safety as
 * {@link UnsafeBuffer}'s.
 */
final class MappedRegionBuffer extends UnsafeBuffer
{
    MappedRegionBuffer(final ByteBuffer mapping)
    {
        super(mapping);
    }

    public boolean compareAndSetLong(final int index, final long expectedValue, final long updateValue)
    {
        getLongVolatile(index);
        return super.compareAndSetLong(index, expectedValue, updateValue);
    }

    public boolean compareAndSetInt(final int index, final int expectedValue, final int updateValue)
    {
        getIntVolatile(index);
        return super.compareAndSetInt(index, expectedValue, updateValue);
    }
}
