package io.multiprocessing4j.cluster.internal;

import com.hazelcast.cluster.Member;

import java.util.HashSet;
import java.util.Set;

/**
 * A member that proved it holds the key, as the driver sees it: its window of chunks, the chunks it holds, and the
 * functions it is known to have. Mutable fields are guarded by the {@link ChunkDispatcher}'s lock.
 */
final class MemberSlot
{
    /** Chunks a member may hold per worker thread: one running, one waiting, so a thread never idles on the wire. */
    static final int CHUNKS_PER_WORKER = 2;

    final Member member;
    final long pid;
    final int workers;
    final Set<RemoteChunk> held = new HashSet<>();
    final Set<Integer> functions = new HashSet<>();

    MemberSlot(final Member member, final long pid, final int workers)
    {
        this.member = member;
        this.pid = pid;
        this.workers = Math.max(1, workers);
    }

    int room()
    {
        return workers * CHUNKS_PER_WORKER - held.size();
    }

    @Override
    public String toString()
    {
        return "member " + member.getUuid() + " at " + member.getSocketAddress().getHostString() + ":" +
            member.getSocketAddress().getPort() + " (pid " + pid + ")";
    }
}
