package io.multiprocessing4j.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.StartMethod;
import io.multiprocessing4j.cluster.internal.ClusterKey;
import io.multiprocessing4j.cluster.internal.HazelcastConfigs;
import io.multiprocessing4j.cluster.internal.MemberRuntime;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.JvmFlags;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A cluster member: a Hazelcast member JVM that runs the chunks of {@link ClusterPool}s on its own threads, one
 * per core. Every member runs the same build (the user's class path), as every child JVM of a local pool does:
 * Hazelcast's Community Edition does not ship classes. A member runs a task only if its code verifies under the
 * cluster's key. Thread-safe.
 * <p>
 * From a shell: {@code java -cp APP_CLASS_PATH io.multiprocessing4j.cluster.ClusterMember --cluster NAME
 * --key-file FILE [--port P] [--join HOST:PORT,...] [--bind ADDRESS] [--name N] [--allow PREFIX,...]
 * [--threads N] [--isolated]}.
 */
public final class ClusterMember implements AutoCloseable
{
    /**
     * What Hazelcast asks of a member JVM's command line for its best performance (without them it logs a warning
     * at start); {@link #spawn} gives them to the members it starts, and a member started from a shell may add them.
     */
    public static final List<String> HAZELCAST_JVM_OPTIONS = List.of("--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /** The member this JVM runs, if any: what a pool task on it reaches through {@link ClusterManager#onMember}. */
    private static volatile HazelcastInstance local;

    private final HazelcastInstance instance;
    private final MemberRuntime runtime;

    private ClusterMember(final HazelcastInstance instance, final MemberRuntime runtime)
    {
        this.instance = instance;
        this.runtime = runtime;
    }

    /**
     * Starts a member on {@code port} of the config's bind address, joining the config's members; returns once it
     * has joined (or formed) the cluster.
     */
    public static ClusterMember start(final ClusterConfig config, final int port)
    {
        return start(config, port, null);
    }

    /**
     * @param name the member's name in Hazelcast's logs, or {@code null}.
     */
    public static ClusterMember start(final ClusterConfig config, final int port, final String name)
    {
        Objects.requireNonNull(config, "config");
        JvmFlags.ensureAgronaAccess();
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        final int threads = config.memberThreads();
        final MemberRuntime runtime = new MemberRuntime(new ClusterKey(config.key()),
            Codec.fory(ClassAllowList.defaults().with(config.allowedClasses())), threads, config.isolated(),
            config.allowedClasses());
        final HazelcastInstance instance = Hazelcast.newHazelcastInstance(
            HazelcastConfigs.member(config, port, name, runtime, threads));
        local = instance;
        return new ClusterMember(instance, runtime);
    }

    /**
     * Starts a member in a child JVM of this one (with this JVM's class path, as every child gets), on {@code port}
     * of the config's bind address, joining the config's members: how a test or a sample makes a cluster on one
     * host. The child runs until it is killed, or until this JVM ends (it is a daemon process).
     *
     * @return the child, started; the member inside may still be joining.
     */
    public static JvmProcess spawn(final ClusterConfig config, final int port)
    {
        Objects.requireNonNull(config, "config");
        final String name = config.name();
        final byte[] key = config.key();
        final String[] members = config.members().toArray(new String[0]);
        final String bind = config.bindAddress();
        final String[] allowed = config.allowedClasses();
        final int threads = config.memberThreads();
        final boolean isolated = config.isolated();
        return new JvmProcess("cluster-member-" + port, () ->
        {
            start(ClusterConfig.builder().name(name).key(key).members(members).bindAddress(bind)
                .allowClasses(allowed).memberThreads(threads).isolated(isolated).build(), port);
            Thread.sleep(Long.MAX_VALUE);
        }).setContext(Multiprocessing.context(StartMethod.SPAWN)
            .withJvmOptions(HAZELCAST_JVM_OPTIONS.toArray(new String[0])))
            .setDaemon(true).start();
    }

    /**
     * @throws IllegalStateException if this JVM runs no member.
     */
    static HazelcastInstance localInstance()
    {
        final HazelcastInstance member = local;
        if (null == member || !member.getLifecycleService().isRunning())
        {
            throw new IllegalStateException("this JVM runs no cluster member: ClusterManager.onMember() is for " +
                "pool tasks on a member; a driver uses ClusterManager.connect(config)");
        }
        return member;
    }

    /** @return {@code host:port} that drivers and other members reach this member at. */
    public String address()
    {
        final var socket = instance.getCluster().getLocalMember().getSocketAddress();
        return socket.getHostString() + ":" + socket.getPort();
    }

    /** @return how many members the cluster has, this one included. */
    public int clusterSize()
    {
        return instance.getCluster().getMembers().size();
    }

    /** @return how many tasks this member refused because their code did not verify under the key. */
    public long refusedTasks()
    {
        return runtime.refusedTasks();
    }

    /** Leaves the cluster; the drivers retry the chunks it held on the other members. Idempotent. */
    @Override
    public void close()
    {
        instance.shutdown();
        runtime.close();
    }

    /**
     * Runs a member until the JVM is stopped. See the class comment for the options.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final ClusterConfig.Builder config = ClusterConfig.builder();
        int port = ClusterConfig.DEFAULT_PORT;
        String name = null;
        for (int i = 0; i < args.length; i++)
        {
            final String option = args[i];
            if ("--isolated".equals(option))
            {
                config.isolated(true);
                continue;
            }
            if (i + 1 == args.length)
            {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            final String value = args[++i];
            switch (option)
            {
                case "--cluster" -> config.name(value);
                case "--key-file" -> config.keyFile(Path.of(value));
                case "--port" -> port = Integer.parseInt(value);
                case "--join" -> config.members(value.split(","));
                case "--bind" -> config.bindAddress(value);
                case "--name" -> name = value;
                case "--allow" -> config.allowClasses(value.split(","));
                case "--threads" -> config.memberThreads(Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + option + " (known: " +
                    Arrays.asList("--cluster", "--key-file", "--port", "--join", "--bind", "--name", "--allow",
                    "--threads", "--isolated") + ")");
            }
        }
        final ClusterMember member = start(config.build(), port, name);
        System.out.println("mp4j cluster member " + member.address() + " in a cluster of " + member.clusterSize());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
    }
}
