package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.SharedMemoryFaultException;
import org.agrona.UnsafeApi;

/**
 * The values' and arrays' unsafe accesses to their mapped memory, each turning the JDK's {@link InternalError}
 * from a file truncated under its mapping into a {@link SharedMemoryFaultException} naming the file
 * ({@link MappedFiles#fault}); any other {@code InternalError} is rethrown as it is. Compare-and-set and
 * compare-and-exchange read the word first, because the JDK reports a fault in a read but crashes on one in
 * an interpreted compare-and-set (JDK 21 and later report the read's fault at once, JDK 17 only at a later
 * safepoint). Each method is small enough to be inlined where it is called. Stateless.
 */
final class MappedAccess
{
    private MappedAccess()
    {
    }

    static byte getByte(final long address)
    {
        try
        {
            return UnsafeApi.getByte(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static byte getByteVolatile(final long address)
    {
        try
        {
            return UnsafeApi.getByteVolatile(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static int getInt(final long address)
    {
        try
        {
            return UnsafeApi.getInt(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static int getIntVolatile(final long address)
    {
        try
        {
            return UnsafeApi.getIntVolatile(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static int getIntAcquire(final long address)
    {
        try
        {
            return UnsafeApi.getIntAcquire(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static int getIntOpaque(final long address)
    {
        try
        {
            return UnsafeApi.getIntOpaque(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static long getLong(final long address)
    {
        try
        {
            return UnsafeApi.getLong(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static long getLongVolatile(final long address)
    {
        try
        {
            return UnsafeApi.getLongVolatile(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static long getLongAcquire(final long address)
    {
        try
        {
            return UnsafeApi.getLongAcquire(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static long getLongOpaque(final long address)
    {
        try
        {
            return UnsafeApi.getLongOpaque(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static double getDouble(final long address)
    {
        try
        {
            return UnsafeApi.getDouble(null, address);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putByte(final long address, final byte value)
    {
        try
        {
            UnsafeApi.putByte(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putByteVolatile(final long address, final byte value)
    {
        try
        {
            UnsafeApi.putByteVolatile(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putInt(final long address, final int value)
    {
        try
        {
            UnsafeApi.putInt(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putIntVolatile(final long address, final int value)
    {
        try
        {
            UnsafeApi.putIntVolatile(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putIntRelease(final long address, final int value)
    {
        try
        {
            UnsafeApi.putIntRelease(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putIntOpaque(final long address, final int value)
    {
        try
        {
            UnsafeApi.putIntOpaque(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putLong(final long address, final long value)
    {
        try
        {
            UnsafeApi.putLong(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putLongVolatile(final long address, final long value)
    {
        try
        {
            UnsafeApi.putLongVolatile(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putLongRelease(final long address, final long value)
    {
        try
        {
            UnsafeApi.putLongRelease(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putLongOpaque(final long address, final long value)
    {
        try
        {
            UnsafeApi.putLongOpaque(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static void putDouble(final long address, final double value)
    {
        try
        {
            UnsafeApi.putDouble(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static int getAndAddInt(final long address, final int delta)
    {
        try
        {
            UnsafeApi.getIntVolatile(null, address);
            return UnsafeApi.getAndAddInt(null, address, delta);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static int getAndSetInt(final long address, final int value)
    {
        try
        {
            UnsafeApi.getIntVolatile(null, address);
            return UnsafeApi.getAndSetInt(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static boolean compareAndSetInt(final long address, final int expected, final int value)
    {
        try
        {
            UnsafeApi.getIntVolatile(null, address);
            return UnsafeApi.compareAndSetInt(null, address, expected, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static int compareAndExchangeInt(final long address, final int expected, final int value)
    {
        try
        {
            UnsafeApi.getIntVolatile(null, address);
            return UnsafeApi.compareAndExchangeInt(null, address, expected, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static long getAndAddLong(final long address, final long delta)
    {
        try
        {
            UnsafeApi.getLongVolatile(null, address);
            return UnsafeApi.getAndAddLong(null, address, delta);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static long getAndSetLong(final long address, final long value)
    {
        try
        {
            UnsafeApi.getLongVolatile(null, address);
            return UnsafeApi.getAndSetLong(null, address, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static boolean compareAndSetLong(final long address, final long expected, final long value)
    {
        try
        {
            UnsafeApi.getLongVolatile(null, address);
            return UnsafeApi.compareAndSetLong(null, address, expected, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }

    static long compareAndExchangeLong(final long address, final long expected, final long value)
    {
        try
        {
            UnsafeApi.getLongVolatile(null, address);
            return UnsafeApi.compareAndExchangeLong(null, address, expected, value);
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex);
        }
    }
}
