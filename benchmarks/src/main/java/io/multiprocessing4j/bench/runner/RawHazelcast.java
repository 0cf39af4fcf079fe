package io.multiprocessing4j.bench.runner;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.multiprocessing4j.cluster.ClusterMember;

import java.io.Serializable;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code hazelcast} anchor of {@code cluster-map-trivial}: what a user does with Hazelcast alone, one
 * {@code IExecutorService.submit} of a serializable {@code Callable} per item, from a client to plain members (child
 * JVMs on loopback with Hazelcast's defaults but for TCP/IP join), every future awaited. Also the members' main.
 */
final class RawHazelcast
{
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    private static final int WARM_UP_ITEMS = 1_000;

    private RawHazelcast()
    {
    }

    /**
     * @return items per second over {@code items} tasks, on {@code members} fresh members.
     */
    static double itemsPerSecond(final int members, final int items) throws Exception
    {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        final String cluster = "raw-" + UUID.randomUUID();
        final List<String> addresses = new ArrayList<>();
        for (int i = 0; i < members; i++)
        {
            try (ServerSocket socket = new ServerSocket(0))
            {
                addresses.add("127.0.0.1:" + socket.getLocalPort());
            }
        }
        final List<Process> processes = new ArrayList<>();
        HazelcastInstance client = null;
        try
        {
            for (final String address : addresses)
            {
                processes.add(WorkerJvm.startWith(ClusterMember.HAZELCAST_JVM_OPTIONS,
                    RawHazelcast.class, cluster, address, String.join(",", addresses)));
            }
            final ClientConfig config = new ClientConfig();
            config.setClusterName(cluster);
            config.getNetworkConfig().setAddresses(addresses);
            config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(90_000);
            client = HazelcastClient.newHazelcastClient(config);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (client.getCluster().getMembers().size() < members)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("raw Hazelcast members did not all join: " +
                        client.getCluster().getMembers());
                }
                Thread.sleep(20);
            }
            final IExecutorService executor = client.getExecutorService("raw");
            submitAll(executor, WARM_UP_ITEMS);
            final long start = System.nanoTime();
            submitAll(executor, items);
            return items / ((System.nanoTime() - start) / 1e9);
        }
        finally
        {
            if (null != client)
            {
                client.shutdown();
            }
            for (final Process process : processes)
            {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void submitAll(final IExecutorService executor, final int items) throws Exception
    {
        final List<Future<Integer>> futures = new ArrayList<>(items);
        for (int i = 0; i < items; i++)
        {
            futures.add(executor.submit(new Square(i)));
        }
        for (final Future<Integer> future : futures)
        {
            future.get(WorkerJvm.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A member: {@code CLUSTER HOST:PORT JOIN,...}; runs until killed.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        final int port = Integer.parseInt(args[1].substring(args[1].lastIndexOf(':') + 1));
        final Config config = new Config();
        config.setClusterName(args[0]);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        final JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        for (final String member : args[2].split(","))
        {
            join.getTcpIpConfig().setEnabled(true).addMember(member);
        }
        Hazelcast.newHazelcastInstance(config);
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * The task: a square, as {@code pool-map-trivial}'s function.
     */
    static final class Square implements Callable<Integer>, Serializable
    {
        private static final long serialVersionUID = 1L;

        private final int x;

        Square(final int x)
        {
            this.x = x;
        }

        @Override
        public Integer call()
        {
            return x * x;
        }
    }
}
