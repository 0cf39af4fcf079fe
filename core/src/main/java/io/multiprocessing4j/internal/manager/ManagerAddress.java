package io.multiprocessing4j.internal.manager;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a manager listens: the handle of its accept queue in shared memory (same host), or a TCP host and
 * port (a remote manager, whose key each process supplies itself). The key a handle was made with is part of
 * it in this JVM only ({@link #withKey}): it is transient, never travels, and takes no part in equality.
 * Immutable.
 */
public final class ManagerAddress implements Serializable
{
    private static final long serialVersionUID = 1L;

    final String acceptQueue;
    final long pid;
    final String host;
    final int port;
    final String[] allowed;
    final transient byte[] key;

    private ManagerAddress(final String acceptQueue, final long pid, final String host, final int port,
        final String[] allowed, final byte[] key)
    {
        this.acceptQueue = acceptQueue;
        this.pid = pid;
        this.host = host;
        this.port = port;
        this.allowed = allowed.clone();
        this.key = null == key ? null : key.clone();
    }

    public static ManagerAddress local(final String acceptQueue, final long pid, final String[] allowed)
    {
        return new ManagerAddress(Objects.requireNonNull(acceptQueue, "acceptQueue"), pid, null, 0, allowed, null);
    }

    public static ManagerAddress tcp(final String host, final int port, final String[] allowed)
    {
        return new ManagerAddress(null, 0, Objects.requireNonNull(host, "host"), port, allowed, null);
    }

    /**
     * @return the same address, whose calls from this JVM authenticate with {@code key}.
     */
    public ManagerAddress withKey(final byte[] key)
    {
        return new ManagerAddress(acceptQueue, pid, host, port, allowed, Objects.requireNonNull(key, "key"));
    }

    public boolean isLocal()
    {
        return null != acceptQueue;
    }

    public long pid()
    {
        return pid;
    }

    public boolean equals(final Object other)
    {
        return other instanceof ManagerAddress && Objects.equals(acceptQueue, ((ManagerAddress)other).acceptQueue) &&
            Objects.equals(host, ((ManagerAddress)other).host) && port == ((ManagerAddress)other).port;
    }

    public int hashCode()
    {
        return Objects.hash(acceptQueue, host, port);
    }

    public String toString()
    {
        return isLocal() ? "manager pid " + pid : "manager at " + host + ":" + port +
            (0 == allowed.length ? "" : " " + Arrays.toString(allowed));
    }
}
