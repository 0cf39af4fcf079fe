package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.InvalidSharedFileException;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContext;

import org.agrona.LangUtil;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
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

    /**
     * For shared objects defined outside this package (the synchronization primitives): a subclass must
     * also have a {@code public static attach(SharedHandle)} method, which is how it is rebuilt from its
     * handle in another JVM.
     *
     * @param region the region the object lives in.
     */
    protected SharedObject(final MappedRegion region)
    {
        this.region = Objects.requireNonNull(region, "region");
    }

    /**
     * @return the region, for subclasses outside this package; throws after close.
     */
    protected final MappedRegion region()
    {
        return region;
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

    /**
     * @return what {@code mp shm ls} calls this object: its role by default (such as "queue"), or the label
     * given with {@link #label(String)}.
     */
    public final String label()
    {
        return region.label();
    }

    /**
     * Names this object in {@code mp shm ls} and {@code stat}, for every process that has it; at most
     * {@value io.multiprocessing4j.shm.RegionHeaderDescriptor#MAX_LABEL_BYTES} UTF-8 bytes are kept.
     *
     * @throws IllegalStateException if this object is closed.
     */
    public final void label(final String label)
    {
        region.label(label);
    }

    /**
     * @throws IllegalStateException if this object is closed; for subclasses that keep the region's buffer.
     */
    protected final void checkOpen()
    {
        if (region.isClosed())
        {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed: " + region.path());
        }
    }

    /**
     * Unmaps this process's view (a creator also removes the file); idempotent.
     */
    public final void close()
    {
        if (!region.isClosed())
        {
            try
            {
                onClose();
            }
            finally
            {
                region.close();
            }
        }
    }

    /**
     * @return {@link #handle()}, for a serializer sending this object to another process (which is then told
     * through {@link #onTransfer()}).
     */
    public final SharedHandle transferHandle()
    {
        onTransfer();
        return handle();
    }

    /**
     * Called once as {@link #close()} begins, before the region is unmapped; nothing by default.
     */
    protected void onClose()
    {
    }

    /**
     * Called each time this object is serialized to go to another process; nothing by default.
     */
    protected void onTransfer()
    {
    }

    final Object writeReplace()
    {
        return new SerializedSharedObject(transferHandle(), getClass().getName());
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
        return attach(handle, null);
    }

    /**
     * Attaches to a shared object by its handle and class.
     *
     * @param handle    what {@link #handle()} returned in another JVM.
     * @param className the object's class, needed for types defined outside this package (such as
     *                  the synchronization primitives); {@code null} for values and arrays.
     * @return the attached object.
     * @throws IllegalArgumentException if the class is not a shared object with a static {@code attach(SharedHandle)}.
     */
    public static SharedObject attach(final SharedHandle handle, final String className)
    {
        Objects.requireNonNull(handle, "handle");
        if (null != className && !className.startsWith(SharedObject.class.getPackageName() + "."))
        {
            return attachByClass(handle, className);
        }
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

    private static SharedObject attachByClass(final SharedHandle handle, final String className)
    {
        try
        {
            final Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!SharedObject.class.isAssignableFrom(type))
            {
                throw new IllegalArgumentException(className + " is not a shared object");
            }
            return (SharedObject)type.getMethod("attach", SharedHandle.class).invoke(null, handle);
        }
        catch (final InvocationTargetException ex)
        {
            LangUtil.rethrowUnchecked(ex.getCause());
            throw new IllegalStateException(ex);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalArgumentException("cannot attach " + className + " by handle " + handle + ": " + ex, ex);
        }
    }

    protected static MappedRegion newRegion(final ShmContext context, final RegionType type, final long length)
    {
        return newRegion(context, type, length, "");
    }

    /**
     * @param length elements of the type's size.
     * @param label  the object's role, as tools show it.
     * @param parts  the structures in its data a tool can read.
     */
    protected static MappedRegion newRegion(final ShmContext context, final RegionType type, final long length,
        final String label, final RegionPart... parts)
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
        return context.newRegion(type, (int)capacity, label, List.of(parts));
    }

    protected static MappedRegion attachRegion(final SharedHandle handle, final RegionType expectedType)
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
