package io.multiprocessing4j.cluster.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import io.multiprocessing4j.cluster.ClusterConfig;
import io.multiprocessing4j.cluster.ClusterException;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configurations of a member and of a driver (a client, which holds no data), from a
 * {@link ClusterConfig}: the cluster name derived from the key, TCP/IP join only (no multicast), members bound to the
 * named interface, a member that stops answering heartbeats for 5 s counted as gone, our two data-serializable calls
 * registered, and Java deserialization limited to Hazelcast's default allow list. Stateless.
 */
public final class HazelcastConfigs
{
    /** The executor that runs pool chunks on a member. */
    public static final String EXECUTOR = "mp4j-pool";
    /**
     * Hazelcast logs to java.util.logging. Its INFO lines (banner, joins) are kept out of the user's output, and so
     * are a connection's own failures (a driver retrying a member still starting, the resets a dying member leaves):
     * what they lead to, a member dropped or no cluster reached, is logged or thrown all the same.
     */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("com.hazelcast"),
        Logger.getLogger("com.hazelcast.client.impl.connection"),
        Logger.getLogger("com.hazelcast.internal.server.tcp"));
    private static final String HEARTBEAT_SECONDS = "1";
    private static final String DEAD_AFTER_SECONDS = "5";

    static
    {
        if (null == System.getProperty("hazelcast.logging.level") && null == QUIETED.get(0).getLevel())
        {
            QUIETED.get(0).setLevel(Level.WARNING);
            QUIETED.get(1).setLevel(Level.SEVERE);
            QUIETED.get(2).setLevel(Level.SEVERE);
        }
    }

    private HazelcastConfigs()
    {
    }

    /**
     * @param port    the port the member listens on.
     * @param name    the member's instance name, or {@code null}.
     * @param runtime what runs the pool's tasks on it.
     */
    public static Config member(final ClusterConfig cluster, final int port, final String name,
        final MemberRuntime runtime, final int threads)
    {
        final Config config = new Config();
        config.setClusterName(new ClusterKey(cluster.key()).clusterName(cluster.name()));
        if (null != name)
        {
            config.setInstanceName(name);
        }
        final NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(cluster.bindAddress());
        final JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(cluster.bindAddress() + ":" + port);
        cluster.members().forEach(join.getTcpIpConfig()::addMember);
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.heartbeat.interval.seconds", HEARTBEAT_SECONDS);
        config.setProperty("hazelcast.max.no.heartbeat.seconds", DEAD_AFTER_SECONDS);
        config.getExecutorConfig(EXECUTOR).setPoolSize(threads);
        serialization(config.getSerializationConfig(), cluster);
        config.getUserContext().put(MemberRuntime.CONTEXT_KEY, runtime);
        return config;
    }

    /**
     * Connects a client (a driver's pool or manager) to the config's members.
     *
     * @throws ClusterException if none answered within the config's connect timeout.
     */
    public static HazelcastInstance connect(final ClusterConfig cluster)
    {
        if (cluster.members().isEmpty())
        {
            throw new IllegalArgumentException("name at least one member to connect to: ClusterConfig.builder()" +
                ".members(\"host:5701\")");
        }
        try
        {
            return HazelcastClient.newHazelcastClient(client(cluster));
        }
        catch (final RuntimeException ex)
        {
            throw new ClusterException("no member of cluster '" + cluster.name() + "' answered at " +
                cluster.members() + " within " + cluster.connectTimeout().toMillis() + " ms: are members running " +
                "there, started with the same cluster name and key?", ex);
        }
    }

    public static ClientConfig client(final ClusterConfig cluster)
    {
        final ClientConfig config = new ClientConfig();
        config.setClusterName(new ClusterKey(cluster.key()).clusterName(cluster.name()));
        config.getNetworkConfig().setAddresses(cluster.members());
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
            .setClusterConnectTimeoutMillis(cluster.connectTimeout().toMillis());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.client.heartbeat.interval", HEARTBEAT_SECONDS + "000");
        config.setProperty("hazelcast.client.heartbeat.timeout", DEAD_AFTER_SECONDS + "000");
        serialization(config.getSerializationConfig(), cluster);
        return config;
    }

    /**
     * Our calls as data-serializables; Java deserialization (a {@code ClusterManager}'s values) only of Hazelcast's
     * default allow list and the config's allowed prefixes.
     */
    private static void serialization(final SerializationConfig config, final ClusterConfig cluster)
    {
        config.addDataSerializableFactory(ClusterSerializers.FACTORY_ID, new ClusterSerializers());
        config.setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
            .setDefaultsDisabled(false).setWhitelist(new ClassFilter().addPrefixes(cluster.allowedClasses())));
    }
}
