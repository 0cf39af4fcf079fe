package io.multiprocessing4j.internal.manager;

import java.io.Serializable;

/**
 * What a call returned, or what it threw.
 */
public final class ManagerResponse implements Serializable
{
    private static final long serialVersionUID = 1L;

    final Object value;
    final Throwable failure;

    ManagerResponse(final Object value, final Throwable failure)
    {
        this.value = value;
        this.failure = failure;
    }
}
