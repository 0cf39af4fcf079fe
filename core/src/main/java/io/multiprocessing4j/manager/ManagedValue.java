package io.multiprocessing4j.manager;

import java.io.Serializable;

/**
 * A value that lives in a manager (Python's {@code manager.Value(typecode, value)}). Each call is atomic
 * in the manager; a read-modify-write needs a manager lock, as in Python. Thread-safe.
 *
 * @param <T> the value's type.
 */
public final class ManagedValue<T> implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;

    ManagedValue(final Remote remote)
    {
        this.remote = remote;
    }

    @SuppressWarnings("unchecked")
    public T get()
    {
        return (T)remote.call("get()");
    }

    public void set(final T value)
    {
        remote.call("set(java.lang.Object)", value);
    }

    @SuppressWarnings("unchecked")
    public T getAndSet(final T value)
    {
        return (T)remote.call("getAndSet(java.lang.Object)", value);
    }

    public boolean equals(final Object other)
    {
        return other instanceof ManagedValue && remote.equals(((ManagedValue<?>)other).remote);
    }

    public int hashCode()
    {
        return remote.hashCode();
    }

    public String toString()
    {
        return "ManagedValue(" + get() + ")";
    }
}
