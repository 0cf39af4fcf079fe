package io.multiprocessing4j.cluster;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.cluster.internal.ClusterEngine;
import io.multiprocessing4j.internal.pool.PoolFacades;
import io.multiprocessing4j.shm.JvmFlags;

/**
 * A {@link Pool} whose tasks run on the members of a Hazelcast cluster ({@link ClusterMember}s on other hosts, or
 * on this one): the same type, with the same methods, as a local pool, e.g.
 * <pre>{@code
 * ClusterConfig cluster = ClusterConfig.builder().name("jobs").keyFile(Path.of("cluster.key"))
 *     .members("10.0.0.5:5701", "10.0.0.6:5701").retries(2).build();
 * try (Pool pool = ClusterPool.connect(cluster)) {
 *     List<Integer> squares = pool.map(x -> x * x, numbers);
 * }
 * }</pre>
 * This JVM joins as a Hazelcast client and holds no data. Chunks travel as the same fixed-layout records a local
 * pool's workers read, one Hazelcast call per chunk, sealed with HMAC-SHA256 under the cluster's key; a function is
 * sent to a member with its first chunks and named by id afterwards. Only members that proved they hold the key
 * get chunks. A member that leaves has its chunks retried on the others as {@link ClusterConfig#retries} allows,
 * else they fail with {@link MemberLostException} naming it. Maps of shared arrays
 * ({@code mapAsync(f, SharedIntArray, ...)}) and {@link Pool#contextDirectory()} are for a local pool only and throw
 * {@link UnsupportedOperationException}. Thread-safe.
 */
public final class ClusterPool
{
    private ClusterPool()
    {
    }

    /**
     * Connects to the members the config names.
     *
     * @throws io.multiprocessing4j.shm.MissingJvmFlagException naming the JVM option this JVM lacks.
     * @throws ClusterException if no member answered within the config's connect timeout, or none proved it holds
     *                          the key (a process holding another key does not even join: the cluster's name in
     *                          Hazelcast is derived from the key).
     */
    public static Pool connect(final ClusterConfig config)
    {
        JvmFlags.ensureAgronaAccess();
        return PoolFacades.pool(ClusterEngine.connect(config));
    }
}
