package io.multiprocessing4j.cluster.internal;

import com.hazelcast.core.HazelcastInstance;

/**
 * Finds a member's {@link MemberRuntime} in its Hazelcast user context. Stateless.
 */
final class MemberRuntimes
{
    private MemberRuntimes()
    {
    }

    /**
     * @throws IllegalStateException if {@code member} is not a multiprocessing4j cluster member.
     */
    static MemberRuntime of(final HazelcastInstance member)
    {
        final Object runtime = null == member ? null : member.getUserContext().get(MemberRuntime.CONTEXT_KEY);
        if (!(runtime instanceof MemberRuntime))
        {
            throw new IllegalStateException("this Hazelcast member was not started by ClusterMember: it runs no " +
                "multiprocessing4j pool tasks");
        }
        return (MemberRuntime)runtime;
    }
}
