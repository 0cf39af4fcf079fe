package io.multiprocessing4j.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.multiprocessing4j.cluster.internal.HazelcastConfigs;
import io.multiprocessing4j.cluster.internal.MapEntryLock;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;

/**
 * Shared objects across hosts, as Python users share them through a remote {@code BaseManager}: a
 * {@link #dict dict} ({@code ConcurrentMap}, on Hazelcast's {@code IMap}), a {@link #list list} ({@code IList}), a
 * {@link #queue queue} ({@code BlockingQueue}, on {@code IQueue}) and a {@link #lock lock} (on an {@code IMap} entry
 * lock, released when the process holding it dies), each named: the same name is the same object everywhere. A
 * driver {@link #connect connects} with the cluster's config; a pool task on a member reaches the same objects by
 * name through {@link #onMember()}, so tasks are handed names, not objects. Values travel by Hazelcast's
 * serialization: {@code java.*} types, and classes whose prefixes the cluster's config
 * {@link ClusterConfig.Builder#allowClasses allows} (the same list on every member). Thread-safe.
 */
public final class ClusterManager implements AutoCloseable
{
    private static final String LOCKS = "mp4j-locks";

    private final HazelcastInstance instance;
    private final boolean owned;

    private ClusterManager(final HazelcastInstance instance, final boolean owned)
    {
        this.instance = instance;
        this.owned = owned;
    }

    /**
     * Connects to the members the config names, as a client that holds no data.
     *
     * @throws ClusterException if no member answered within the config's connect timeout.
     */
    public static ClusterManager connect(final ClusterConfig config)
    {
        return new ClusterManager(HazelcastConfigs.connect(Objects.requireNonNull(config, "config")), true);
    }

    /**
     * @return the manager of the member this JVM runs, for a pool task on it.
     * @throws IllegalStateException if this JVM runs no {@link ClusterMember}.
     */
    public static ClusterManager onMember()
    {
        return new ClusterManager(ClusterMember.localInstance(), false);
    }

    /** @return the map named {@code name}, created empty the first time any process asks for it. */
    public <K, V> ConcurrentMap<K, V> dict(final String name)
    {
        return instance.getMap(checkName(name));
    }

    /** @return the list named {@code name}. */
    public <E> List<E> list(final String name)
    {
        return instance.getList(checkName(name));
    }

    /** @return the unbounded queue named {@code name}. */
    public <E> BlockingQueue<E> queue(final String name)
    {
        return instance.getQueue(checkName(name));
    }

    /**
     * @return the lock named {@code name}: reentrant for the thread holding it, and released by the cluster when
     * the process holding it dies. No conditions.
     */
    public Lock lock(final String name)
    {
        return new MapEntryLock(instance.getMap(LOCKS), checkName(name));
    }

    /** Disconnects a driver's manager; the objects stay in the cluster. Idempotent; does nothing on a member. */
    @Override
    public void close()
    {
        if (owned)
        {
            instance.shutdown();
        }
    }

    private static String checkName(final String name)
    {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.startsWith("mp4j-"))
        {
            throw new IllegalArgumentException("a shared object's name is not blank and does not start with " +
                "\"mp4j-\": \"" + name + "\"");
        }
        return name;
    }
}
