package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.InvalidSharedFileException;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContext;

import java.io.Serializable;
import java.util.Objects;

/**
 * A value or array in its own shared region, reachable from other JVMs through its {@link #handle()}.
 * Closing unmaps it from this JVM (and unlinks its file if this JVM created it); other processes that
 * attached keep their mappings. Use after close throws {@link IllegalStateException}; close must not race
 * with other threads of this JVM still using the object.
 * <p>
 * Serializing a shared object writes only its handle; deserializing it in another JVM attaches to the same
 * region there, which is how shared objects captured by a process target reach the child.
 */
public abstract class SharedObject implements AutoCloseable, Serializable
{
    private static final long serialVersionUID = 1L;

    final transient MappedRegion region;

    SharedObject(final MappedRegion region)
    {
        this.region = region;
    }

    /**
     * @return what another JVM passes to the type's {@code attach} to reach this object.
     */
    public final SharedHandle handle()
    {
        return new SharedHandle(region.type(), region.dataOffset(), region.path().toString());
    }

    public final boolean isClosed()
    {
        return region.isClosed();
    }

    public final void close()
    {
        region.close();
    }

    final Object writeReplace()
    {
        return new SerializedSharedObject(handle());
    }

    /**
     * Attaches to any shared value or array by its handle.
     *
     * @param handle what {@link #handle()} returned in another JVM (or its string form, parsed).
     * @return the attached object, of the handle's type.
     * @throws IllegalArgumentException if the handle is not for a value or an array.
     */
    public static SharedObject attach(final SharedHandle handle)
    {
        Objects.requireNonNull(handle, "handle");
        switch (handle.type())
        {
            case INT: return SharedInt.attach(handle);
            case LONG: return SharedLong.attach(handle);
            case DOUBLE: return SharedDouble.attach(handle);
            case INT_ARRAY: return SharedIntArray.attach(handle);
            case LONG_ARRAY: return SharedLongArray.attach(handle);
            case DOUBLE_ARRAY: return SharedDoubleArray.attach(handle);
            case BYTE_ARRAY: return SharedByteArray.attach(handle);
            default: throw new IllegalArgumentException("not a shared value or array: " + handle);
        }
    }

    static MappedRegion newRegion(final ShmContext context, final RegionType type, final long length)
    {
        Objects.requireNonNull(context, "context");
        if (length < 0)
        {
            throw new IllegalArgumentException("length must be >= 0: length=" + length);
        }
        final long capacity = length * type.elementSize();
        if (capacity > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("length is too large for one shared region: length=" + length);
        }
        return context.newRegion(type, (int)capacity);
    }

    static MappedRegion attachRegion(final SharedHandle handle, final RegionType expectedType)
    {
        Objects.requireNonNull(handle, "handle");
        if (handle.type() != expectedType)
        {
            throw new IllegalArgumentException("handle is for a " + handle.type() + ", not a " + expectedType +
                ": " + handle);
        }
        final MappedRegion region =
            MappedRegion.attach(handle.file(), expectedType, ShmConfiguration.attachTimeoutMs());
        if (handle.offset() != region.dataOffset())
        {
            region.close();
            throw new InvalidSharedFileException(handle.file(), "data offset", handle.offset(), region.dataOffset());
        }
        return region;
    }
}
