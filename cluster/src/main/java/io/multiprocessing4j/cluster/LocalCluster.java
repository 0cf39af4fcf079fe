package io.multiprocessing4j.cluster;

import io.multiprocessing4j.JvmProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cluster on this host: members in child JVMs on loopback ({@link ClusterMember#spawn}), each on a free port,
 * joining the others, under a fresh random key, sharing the host's cores (each runs chunks on cores / members
 * threads, at least one). For tests, samples, and trying a {@link ClusterPool} before there
 * are hosts to run it on; {@link #close} kills the members. Not thread-safe.
 */
public final class LocalCluster implements AutoCloseable
{
    private static final String LOOPBACK = "127.0.0.1:";

    private final String name;
    private final byte[] key;
    private final List<String> addresses = new ArrayList<>();
    private final List<JvmProcess> members = new ArrayList<>();
    /** The members share this host's cores. */
    private final int threads;

    private final boolean isolated;

    private LocalCluster(final String name, final int size, final boolean isolated)
    {
        this.name = name;
        this.isolated = isolated;
        threads = Math.max(1, Runtime.getRuntime().availableProcessors() / size);
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        final int[] ports = new int[size];
        for (int i = 0; i < size; i++)
        {
            ports[i] = freePort();
            addresses.add(LOOPBACK + ports[i]);
        }
        for (final int port : ports)
        {
            members.add(startMember(port, addresses));
        }
    }

    /**
     * Starts {@code size} members; returns once they are started (they may still be joining: a driver's
     * {@link ClusterPool#connect} waits for them, up to {@link #config}'s connect timeout).
     *
     * @param name the cluster's name.
     */
    public static LocalCluster start(final String name, final int size)
    {
        return start(name, size, false);
    }

    /**
     * @param isolated whether the members run chunks in local pools of child JVMs
     *                 ({@link ClusterConfig.Builder#isolated}).
     */
    public static LocalCluster start(final String name, final int size, final boolean isolated)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("a cluster needs at least one member: " + size);
        }
        return new LocalCluster(Objects.requireNonNull(name, "name"), size, isolated);
    }

    /**
     * @return a driver's config for this cluster, with {@code retries} and a connect timeout of 90 s (a member
     * JVM's start on a busy host).
     */
    public ClusterConfig config(final int retries)
    {
        return configBuilder().retries(retries).build();
    }

    /**
     * @return a driver's config builder for this cluster, its name, key, members and a connect timeout of 90 s
     * set, for more settings.
     */
    public ClusterConfig.Builder configBuilder()
    {
        return ClusterConfig.builder().name(name).key(key).members(addresses).connectTimeout(Duration.ofSeconds(90));
    }

    /** @return a copy of the cluster's key. */
    public byte[] key()
    {
        return key.clone();
    }

    public String name()
    {
        return name;
    }

    /** @return the members' {@code host:port}, in the order they were started. */
    public List<String> addresses()
    {
        return List.copyOf(addresses);
    }

    /** @return the child JVM of the {@code index}th member started. */
    public JvmProcess member(final int index)
    {
        return members.get(index);
    }

    /**
     * Starts one more member, joining the others.
     */
    public JvmProcess addMember()
    {
        final int port = freePort();
        final JvmProcess member = startMember(port, addresses);
        addresses.add(LOOPBACK + port);
        members.add(member);
        return member;
    }

    /** Kills the members still alive and waits for them to end. */
    @Override
    public void close()
    {
        for (final JvmProcess member : members)
        {
            if (member.isAlive())
            {
                member.kill();
            }
        }
        try
        {
            for (final JvmProcess member : members)
            {
                member.join(Duration.ofSeconds(30));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private JvmProcess startMember(final int port, final List<String> join)
    {
        return ClusterMember.spawn(ClusterConfig.builder().name(name).key(key).members(join)
            .memberThreads(threads).isolated(isolated).build(), port);
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
