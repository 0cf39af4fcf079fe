package io.multiprocessing4j.cluster;

import io.multiprocessing4j.WorkerDiedException;

/**
 * A chunk of a cluster pool's call failed because the member running it left the cluster (stopped, killed, or cut
 * off) and no retry was left; the message names the member. The pool goes on with the members left.
 */
public class MemberLostException extends WorkerDiedException
{
    private static final long serialVersionUID = 1L;

    public MemberLostException(final String message)
    {
        super(message);
    }
}
