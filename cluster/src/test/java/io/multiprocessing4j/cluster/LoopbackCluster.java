package io.multiprocessing4j.cluster;

import io.multiprocessing4j.JvmProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cluster members as child JVMs on loopback, started by a test and killed by it: each runs
 * {@link ClusterMember#start} on a free port, joining the others.
 */
final class LoopbackCluster implements AutoCloseable
{
    private final String name;
    private final byte[] key;
    private final List<String> addresses = new ArrayList<>();
    private final List<JvmProcess> members = new ArrayList<>();

    LoopbackCluster(final String name, final int size)
    {
        this.name = name;
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        for (int i = 0; i < size; i++)
        {
            addresses.add("127.0.0.1:" + freePort());
        }
        for (final String address : addresses)
        {
            members.add(startMember(name, key, address, addresses));
        }
    }

    /**
     * @return a driver's config for this cluster, with {@code retries}.
     */
    ClusterConfig config(final int retries)
    {
        return ClusterConfig.builder().name(name).key(key).members(addresses).retries(retries)
            .connectTimeout(Duration.ofSeconds(90)).build();
    }

    byte[] key()
    {
        return key.clone();
    }

    String name()
    {
        return name;
    }

    List<String> addresses()
    {
        return addresses;
    }

    JvmProcess member(final int index)
    {
        return members.get(index);
    }

    /**
     * Starts one more member, joining the others.
     */
    JvmProcess addMember()
    {
        final String address = "127.0.0.1:" + freePort();
        final List<String> join = new ArrayList<>(addresses);
        addresses.add(address);
        final JvmProcess member = startMember(name, key, address, join);
        members.add(member);
        return member;
    }

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

    private static JvmProcess startMember(final String name, final byte[] key, final String address,
        final List<String> join)
    {
        final int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        final String[] others = join.toArray(new String[0]);
        return new JvmProcess("member-" + port, () ->
        {
            ClusterMember.start(ClusterConfig.builder().name(name).key(key).members(others).build(), port);
            Thread.sleep(Long.MAX_VALUE);
        }).setDaemon(true).start();
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
