package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.SharedHandle;

import java.io.InvalidObjectException;
import java.io.Serializable;

/**
 * The serialized form of every {@link SharedObject}: its handle, resolved back into an attached object of
 * the right type when read.
 */
final class SerializedSharedObject implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final SharedHandle handle;
    private final String className;

    SerializedSharedObject(final SharedHandle handle, final String className)
    {
        this.handle = handle;
        this.className = className;
    }

    private Object readResolve() throws InvalidObjectException
    {
        if (null == handle)
        {
            throw new InvalidObjectException("serialized shared object without a handle");
        }
        return SharedObject.attach(handle, className);
    }
}
