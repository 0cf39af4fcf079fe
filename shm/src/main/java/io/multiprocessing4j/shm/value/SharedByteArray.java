package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionHeaderDescriptor;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.util.Objects;

/**
 * A fixed-length {@code byte[]} in shared memory, Python's {@code Array('b', n)} or a
 * {@code shared_memory.SharedMemory} buffer. Single-byte reads and writes, volatile or plain, and bulk
 * copies (plain: order them with a volatile access, or with process start and join). There is no atomic
 * read-modify-write on bytes; use a {@link SharedIntArray} or {@link SharedLongArray} for counters.
 * Every index is bounds-checked.
 */
public final class SharedByteArray extends SharedObject
{
    private static final int BASE = RegionHeaderDescriptor.DATA_OFFSET;

    private final int length;

    private SharedByteArray(final MappedRegion region)
    {
        super(region);
        this.length = region.capacity();
    }

    public static SharedByteArray create(final ShmContext context, final int length)
    {
        return new SharedByteArray(newRegion(context, RegionType.BYTE_ARRAY, length));
    }

    /**
     * @return a new shared array holding a copy of {@code values}.
     */
    public static SharedByteArray create(final ShmContext context, final byte[] values)
    {
        Objects.requireNonNull(values, "values");
        final SharedByteArray array = create(context, values.length);
        array.copyFrom(values, 0, 0, values.length);
        return array;
    }

    public static SharedByteArray attach(final SharedHandle handle)
    {
        return new SharedByteArray(attachRegion(handle, RegionType.BYTE_ARRAY));
    }

    public int length()
    {
        return length;
    }

    public byte get(final int index)
    {
        return MappedAccess.getByteVolatile(address(index));
    }

    public void set(final int index, final byte newValue)
    {
        MappedAccess.putByteVolatile(address(index), newValue);
    }

    public byte getPlain(final int index)
    {
        return MappedAccess.getByte(address(index));
    }

    public void setPlain(final int index, final byte newValue)
    {
        MappedAccess.putByte(address(index), newValue);
    }

    /**
     * Copy {@code count} bytes starting at {@code srcIndex} into {@code dst} at {@code dstIndex}.
     */
    public void copyTo(final int srcIndex, final byte[] dst, final int dstIndex, final int count)
    {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(srcIndex, count, length);
        Objects.checkFromIndexSize(dstIndex, count, dst.length);
        try
        {
            region.buffer().getBytes(BASE + srcIndex, dst, dstIndex, count);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    /**
     * Copy {@code count} bytes of {@code src} starting at {@code srcIndex} into this array at {@code dstIndex}.
     */
    public void copyFrom(final byte[] src, final int srcIndex, final int dstIndex, final int count)
    {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(dstIndex, count, length);
        Objects.checkFromIndexSize(srcIndex, count, src.length);
        try
        {
            region.buffer().putBytes(BASE + dstIndex, src, srcIndex, count);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    /**
     * @return a copy of every byte, Python's {@code arr[:]}.
     */
    public byte[] toArray()
    {
        final byte[] copy = new byte[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    public void fill(final byte value)
    {
        try
        {
            region.buffer().setMemory(BASE, length, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    public String toString()
    {
        return "SharedByteArray[length=" + length + ", " + region.path() + "]";
    }

    private long address(final int index)
    {
        return region.dataAddress() + Objects.checkIndex(index, length);
    }
}
