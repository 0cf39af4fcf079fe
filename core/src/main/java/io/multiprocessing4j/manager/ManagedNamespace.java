package io.multiprocessing4j.manager;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Named attributes that live in a manager (Python's {@code manager.Namespace()}): {@code ns.set("x", 1)} is
 * Python's {@code ns.x = 1}, {@code ns.get("x")} its {@code ns.x}. Each call is atomic in the manager; a
 * value fetched is a copy. Passes to other processes by handle. Thread-safe.
 */
public final class ManagedNamespace implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;

    ManagedNamespace(final Remote remote)
    {
        this.remote = remote;
    }

    /**
     * @throws IllegalArgumentException naming the attribute if it is not set (Python's {@code AttributeError}).
     */
    @SuppressWarnings("unchecked")
    public <T> T get(final String name)
    {
        final Map<String, Object> all = attributes();
        if (!all.containsKey(name))
        {
            throw new IllegalArgumentException("the namespace has no attribute '" + name + "'");
        }
        return (T)all.get(name);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(final String name, final T otherwise)
    {
        return (T)remote.call("getOrDefault(java.lang.Object,java.lang.Object)", name, otherwise);
    }

    public void set(final String name, final Object value)
    {
        remote.call("put(java.lang.Object,java.lang.Object)", name, value);
    }

    public void delete(final String name)
    {
        remote.call("remove(java.lang.Object)", name);
    }

    public Set<String> names()
    {
        return attributes().keySet();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> attributes()
    {
        return (Map<String, Object>)remote.call("clone()");
    }

    public boolean equals(final Object other)
    {
        return other instanceof ManagedNamespace && remote.equals(((ManagedNamespace)other).remote);
    }

    public int hashCode()
    {
        return remote.hashCode();
    }

    /**
     * @return Python's form, e.g. {@code Namespace(x=1, y='a')}.
     */
    public String toString()
    {
        return attributes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ", "Namespace(", ")"));
    }
}
