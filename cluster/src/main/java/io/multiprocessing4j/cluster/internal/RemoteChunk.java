package io.multiprocessing4j.cluster.internal;

import io.multiprocessing4j.internal.pool.PoolTask;

/**
 * One chunk of a cluster pool's call and where it stands: which member holds it, and the stamp of that hand-over,
 * so that the answer to an earlier hand-over (the member left and the chunk went elsewhere) is told apart. Its
 * mutable fields are guarded by the {@link ChunkDispatcher}'s lock.
 */
final class RemoteChunk
{
    final PoolTask task;
    MemberSlot holder;
    int stamp;
    int attempts;

    RemoteChunk(final PoolTask task)
    {
        this.task = task;
    }

    /**
     * A chunk handed to a member, and whether it carries its function.
     */
    record Assignment(RemoteChunk chunk, MemberSlot slot, int stamp, boolean carriesFunction)
    {
    }
}
