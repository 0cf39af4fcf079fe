package io.multiprocessing4j.shm;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The buffer over a mapped region: an {@link UnsafeBuffer} whose every access to the region turns the JDK's
 * {@link InternalError} from a file truncated under its mapping into a {@link SharedMemoryFaultException}
 * naming the file ({@link MappedFiles#fault}; any other {@code InternalError} is rethrown as it is), and whose
 * read-modify-writes read the word first. The JDK reports a fault in a read, but a fault in an interpreted
 * compare-and-set crashes the JVM; the read, of a line the CAS fetches anyway, makes the first fault a read's.
 * JDK 21 and later throw that read's error at once; JDK 17 throws it only at a later safepoint, so there the
 * CAS still crashes and a fault may surface as the JDK's error after the access has returned (see
 * {@link MappedFiles}). Each override is small enough to be inlined where it is called. Thread-safety as
 * {@link UnsafeBuffer}'s.
 */
final class MappedRegionBuffer extends UnsafeBuffer
{
    MappedRegionBuffer(final ByteBuffer mapping)
    {
        super(mapping);
    }

    public long getLongVolatile(final int index)
    {
        try
        {
            return super.getLongVolatile(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putLongVolatile(final int index, final long value)
    {
        try
        {
            super.putLongVolatile(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long getLongAcquire(final int index)
    {
        try
        {
            return super.getLongAcquire(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putLongRelease(final int index, final long value)
    {
        try
        {
            super.putLongRelease(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putLongOrdered(final int index, final long value)
    {
        try
        {
            super.putLongOrdered(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long getLongOpaque(final int index)
    {
        try
        {
            return super.getLongOpaque(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putLongOpaque(final int index, final long value)
    {
        try
        {
            super.putLongOpaque(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long addLongOrdered(final int index, final long increment)
    {
        try
        {
            return super.addLongOrdered(index, increment);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long addLongRelease(final int index, final long increment)
    {
        try
        {
            return super.addLongRelease(index, increment);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long addLongOpaque(final int index, final long increment)
    {
        try
        {
            return super.addLongOpaque(index, increment);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long getAndSetLong(final int index, final long value)
    {
        try
        {
            super.getLongVolatile(index);
            return super.getAndSetLong(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long getAndAddLong(final int index, final long delta)
    {
        try
        {
            super.getLongVolatile(index);
            return super.getAndAddLong(index, delta);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public boolean compareAndSetLong(final int index, final long expectedValue, final long updateValue)
    {
        try
        {
            super.getLongVolatile(index);
            return super.compareAndSetLong(index, expectedValue, updateValue);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long compareAndExchangeLong(final int index, final long expectedValue, final long updateValue)
    {
        try
        {
            super.getLongVolatile(index);
            return super.compareAndExchangeLong(index, expectedValue, updateValue);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public long getLong(final int index)
    {
        try
        {
            return super.getLong(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putLong(final int index, final long value)
    {
        try
        {
            super.putLong(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int getIntVolatile(final int index)
    {
        try
        {
            return super.getIntVolatile(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putIntVolatile(final int index, final int value)
    {
        try
        {
            super.putIntVolatile(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int getIntAcquire(final int index)
    {
        try
        {
            return super.getIntAcquire(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putIntRelease(final int index, final int value)
    {
        try
        {
            super.putIntRelease(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putIntOrdered(final int index, final int value)
    {
        try
        {
            super.putIntOrdered(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int getIntOpaque(final int index)
    {
        try
        {
            return super.getIntOpaque(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putIntOpaque(final int index, final int value)
    {
        try
        {
            super.putIntOpaque(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int addIntOrdered(final int index, final int increment)
    {
        try
        {
            return super.addIntOrdered(index, increment);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int addIntRelease(final int index, final int increment)
    {
        try
        {
            return super.addIntRelease(index, increment);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int addIntOpaque(final int index, final int increment)
    {
        try
        {
            return super.addIntOpaque(index, increment);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int getAndSetInt(final int index, final int value)
    {
        try
        {
            super.getIntVolatile(index);
            return super.getAndSetInt(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int getAndAddInt(final int index, final int delta)
    {
        try
        {
            super.getIntVolatile(index);
            return super.getAndAddInt(index, delta);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public boolean compareAndSetInt(final int index, final int expectedValue, final int updateValue)
    {
        try
        {
            super.getIntVolatile(index);
            return super.compareAndSetInt(index, expectedValue, updateValue);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int compareAndExchangeInt(final int index, final int expectedValue, final int updateValue)
    {
        try
        {
            super.getIntVolatile(index);
            return super.compareAndExchangeInt(index, expectedValue, updateValue);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public int getInt(final int index)
    {
        try
        {
            return super.getInt(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putInt(final int index, final int value)
    {
        try
        {
            super.putInt(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public byte getByte(final int index)
    {
        try
        {
            return super.getByte(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putByte(final int index, final byte value)
    {
        try
        {
            super.putByte(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public double getDouble(final int index)
    {
        try
        {
            return super.getDouble(index);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putDouble(final int index, final double value)
    {
        try
        {
            super.putDouble(index, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void getBytes(final int index, final byte[] dst)
    {
        try
        {
            super.getBytes(index, dst);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void getBytes(final int index, final byte[] dst, final int offset, final int length)
    {
        try
        {
            super.getBytes(index, dst, offset, length);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void getBytes(final int index, final MutableDirectBuffer dstBuffer, final int dstIndex, final int length)
    {
        try
        {
            super.getBytes(index, dstBuffer, dstIndex, length);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void getBytes(final int index, final ByteBuffer dstBuffer, final int length)
    {
        try
        {
            super.getBytes(index, dstBuffer, length);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void getBytes(final int index, final ByteBuffer dstBuffer, final int dstOffset, final int length)
    {
        try
        {
            super.getBytes(index, dstBuffer, dstOffset, length);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putBytes(final int index, final byte[] src)
    {
        try
        {
            super.putBytes(index, src);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putBytes(final int index, final byte[] src, final int offset, final int length)
    {
        try
        {
            super.putBytes(index, src, offset, length);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putBytes(final int index, final DirectBuffer srcBuffer, final int srcIndex, final int length)
    {
        try
        {
            super.putBytes(index, srcBuffer, srcIndex, length);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putBytes(final int index, final ByteBuffer srcBuffer, final int length)
    {
        try
        {
            super.putBytes(index, srcBuffer, length);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void putBytes(final int index, final ByteBuffer srcBuffer, final int srcIndex, final int length)
    {
        try
        {
            super.putBytes(index, srcBuffer, srcIndex, length);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public void setMemory(final int index, final int length, final byte value)
    {
        try
        {
            super.setMemory(index, length, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }
}
