package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.function.ManagedFactory;

import java.io.Serializable;

/**
 * A type registered with a manager (Python's {@code BaseManager.register}): the interface its proxies
 * implement, the factory that makes instances in the manager, and whether every proxy shares one instance.
 */
public final class ManagerRegistration implements Serializable
{
    private static final long serialVersionUID = 1L;

    final String api;
    final ManagedFactory<?> factory;
    final boolean singleton;

    public ManagerRegistration(final Class<?> api, final ManagedFactory<?> factory, final boolean singleton)
    {
        this.api = api.getName();
        this.factory = factory;
        this.singleton = singleton;
    }
}
