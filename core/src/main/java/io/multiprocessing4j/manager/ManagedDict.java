package io.multiprocessing4j.manager;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@code java.util.Map} that lives in a manager (Python's {@code manager.dict()}), keeping insertion order:
 * each method is one call to the manager and atomic there, so the {@code ConcurrentMap} operations
 * ({@code putIfAbsent}, {@code replace}, and {@code merge}/{@code compute} built on them) are atomic across
 * processes. {@link #entrySet()} and the other views are copies taken in one call. A value fetched is a
 * copy: changing it changes the manager's dict only when put back (as in Python). Passes to other processes
 * by handle. Thread-safe.
 *
 * @param <K> the keys.
 * @param <V> the values.
 */
public final class ManagedDict<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V>, Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;

    ManagedDict(final Remote remote)
    {
        this.remote = remote;
    }

    public int size()
    {
        return (Integer)remote.call("size()");
    }

    public boolean isEmpty()
    {
        return 0 == size();
    }

    @SuppressWarnings("unchecked")
    public V get(final Object key)
    {
        return (V)remote.call("get(java.lang.Object)", key);
    }

    public boolean containsKey(final Object key)
    {
        return (Boolean)remote.call("containsKey(java.lang.Object)", key);
    }

    @SuppressWarnings("unchecked")
    public V put(final K key, final V value)
    {
        return (V)remote.call("put(java.lang.Object,java.lang.Object)", key, value);
    }

    @SuppressWarnings("unchecked")
    public V remove(final Object key)
    {
        return (V)remote.call("remove(java.lang.Object)", key);
    }

    public void putAll(final Map<? extends K, ? extends V> entries)
    {
        remote.call("putAll(java.util.Map)", new java.util.LinkedHashMap<>(entries));
    }

    public void clear()
    {
        remote.call("clear()");
    }

    @SuppressWarnings("unchecked")
    public V putIfAbsent(final K key, final V value)
    {
        return (V)remote.call("putIfAbsent(java.lang.Object,java.lang.Object)", key, value);
    }

    public boolean remove(final Object key, final Object value)
    {
        return (Boolean)remote.call("remove(java.lang.Object,java.lang.Object)", key, value);
    }

    public boolean replace(final K key, final V oldValue, final V newValue)
    {
        return (Boolean)remote.call("replace(java.lang.Object,java.lang.Object,java.lang.Object)", key, oldValue,
            newValue);
    }

    @SuppressWarnings("unchecked")
    public V replace(final K key, final V value)
    {
        return (V)remote.call("replace(java.lang.Object,java.lang.Object)", key, value);
    }

    /**
     * @return a copy of the dict as it is now, in one call, in insertion order.
     */
    @SuppressWarnings("unchecked")
    public Map<K, V> copy()
    {
        return (Map<K, V>)remote.call("clone()");
    }

    public Set<Entry<K, V>> entrySet()
    {
        return Collections.unmodifiableMap(copy()).entrySet();
    }

    public String toString()
    {
        return copy().toString();
    }
}
