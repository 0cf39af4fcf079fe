package io.multiprocessing4j.manager;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * A {@code java.util.List} that lives in a manager (Python's {@code manager.list()}): each method is one call
 * to the manager, atomic there. Iterating, {@code equals}, {@code hashCode} and {@code toString} work on a copy
 * taken in one call. An element fetched is a copy: changing it changes the manager's list only when written
 * back with {@link #set} (as in Python). Passes to other processes by handle. Thread-safe.
 *
 * @param <E> the elements.
 */
public final class ManagedList<E> extends AbstractList<E> implements RandomAccess, Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;

    ManagedList(final Remote remote)
    {
        this.remote = remote;
    }

    public int size()
    {
        return (Integer)remote.call("size()");
    }

    @SuppressWarnings("unchecked")
    public E get(final int index)
    {
        return (E)remote.call("get(int)", index);
    }

    @SuppressWarnings("unchecked")
    public E set(final int index, final E element)
    {
        return (E)remote.call("set(int,java.lang.Object)", index, element);
    }

    public boolean add(final E element)
    {
        return (Boolean)remote.call("add(java.lang.Object)", element);
    }

    public void add(final int index, final E element)
    {
        remote.call("add(int,java.lang.Object)", index, element);
    }

    @SuppressWarnings("unchecked")
    public E remove(final int index)
    {
        return (E)remote.call("remove(int)", index);
    }

    public boolean remove(final Object element)
    {
        return (Boolean)remote.call("remove(java.lang.Object)", element);
    }

    public boolean addAll(final Collection<? extends E> elements)
    {
        return (Boolean)remote.call("addAll(java.util.Collection)", new ArrayList<>(elements));
    }

    public boolean contains(final Object element)
    {
        return (Boolean)remote.call("contains(java.lang.Object)", element);
    }

    public int indexOf(final Object element)
    {
        return (Integer)remote.call("indexOf(java.lang.Object)", element);
    }

    public void clear()
    {
        remote.call("clear()");
    }

    /**
     * @return a copy of the list as it is now, in one call (Python's {@code proxy._getvalue()}).
     */
    @SuppressWarnings("unchecked")
    public List<E> copy()
    {
        return (List<E>)(List<?>)Arrays.asList((Object[])remote.call("toArray()"));
    }

    public Object[] toArray()
    {
        return (Object[])remote.call("toArray()");
    }

    public Iterator<E> iterator()
    {
        return copy().iterator();
    }

    public boolean equals(final Object other)
    {
        return other == this || copy().equals(other instanceof ManagedList ? ((ManagedList<?>)other).copy() : other);
    }

    public int hashCode()
    {
        return copy().hashCode();
    }

    public String toString()
    {
        return copy().toString();
    }
}
