package io.multiprocessing4j.manager;

import java.io.Serializable;

/**
 * A registered type's proxy in a form that travels to other processes (a proxy of a user's interface is a
 * JDK proxy class, which the codec does not decode): send this, and call {@link #get()} there. Immutable.
 *
 * @param <I> the registered interface.
 */
public final class ManagedReference<I> implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;
    private final String api;

    ManagedReference(final Remote remote, final String api)
    {
        this.remote = remote;
        this.api = api;
    }

    /**
     * @return a proxy to the object, in this process.
     * @throws IllegalStateException if the interface cannot be loaded here.
     */
    @SuppressWarnings("unchecked")
    public I get()
    {
        try
        {
            return (I)RegisteredProxy.of(remote, Class.forName(api, false,
                null != Thread.currentThread().getContextClassLoader() ?
                Thread.currentThread().getContextClassLoader() : ManagedReference.class.getClassLoader()));
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException("cannot load " + api + " in this process", ex);
        }
    }

    public String toString()
    {
        return "ManagedReference[" + api + ", " + remote + "]";
    }
}
