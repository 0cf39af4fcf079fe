package io.multiprocessing4j.cluster;

import io.multiprocessing4j.MultiprocessingException;

/**
 * A driver could not connect to a cluster, or no member proved that it holds the cluster's key.
 */
public class ClusterException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    public ClusterException(final String message)
    {
        super(message);
    }

    public ClusterException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
