package io.multiprocessing4j.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a cluster is and how its processes prove they belong to it: the cluster's name, the shared key, the
 * addresses of members to join, and the interface members bind to (loopback unless named). The same settings serve
 * a {@link ClusterMember} and the driver that {@link ClusterPool#connect connects} a pool to the members. Immutable.
 */
public final class ClusterConfig
{
    /** The least key length, in bytes. */
    public static final int MIN_KEY_BYTES = 16;
    /** The member port when none is given: Hazelcast's own default. */
    public static final int DEFAULT_PORT = 5701;

    private final String name;
    private final byte[] key;
    private final List<String> members;
    private final String bindAddress;
    private final int retries;
    private final Duration taskTimeout;
    private final Duration connectTimeout;
    private final List<String> allowed;
    private final int memberThreads;
    private final boolean isolated;

    private ClusterConfig(final Builder builder)
    {
        name = builder.name;
        key = builder.key;
        members = List.copyOf(builder.members);
        bindAddress = builder.bindAddress;
        retries = builder.retries;
        taskTimeout = builder.taskTimeout;
        connectTimeout = builder.connectTimeout;
        allowed = List.copyOf(builder.allowed);
        memberThreads = builder.memberThreads;
        isolated = builder.isolated;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public String name()
    {
        return name;
    }

    /** @return a copy of the shared key. */
    public byte[] key()
    {
        return key.clone();
    }

    /** @return the {@code host:port} addresses of members to join. */
    public List<String> members()
    {
        return members;
    }

    public String bindAddress()
    {
        return bindAddress;
    }

    public int retries()
    {
        return retries;
    }

    /**
     * @return how long a chunk may take from when it is sent to a member, or {@code null} for no limit.
     */
    public Duration taskTimeout()
    {
        return taskTimeout;
    }

    public Duration connectTimeout()
    {
        return connectTimeout;
    }

    /** @return class-name prefixes that arguments and results may have besides the defaults. */
    public String[] allowedClasses()
    {
        return allowed.toArray(new String[0]);
    }

    /**
     * @return how many threads a member runs chunks on: the member's cores unless set.
     */
    public int memberThreads()
    {
        return 0 == memberThreads ? Runtime.getRuntime().availableProcessors() : memberThreads;
    }

    /**
     * @return whether a member runs chunks in a local pool of child JVMs instead of on its own threads.
     */
    public boolean isolated()
    {
        return isolated;
    }

    @Override
    public String toString()
    {
        return "ClusterConfig[" + name + ", members " + members + ", bind " + bindAddress + "]";
    }

    /**
     * Builds a {@link ClusterConfig}; a name and a key are required.
     */
    public static final class Builder
    {
        private String name;
        private byte[] key;
        private final List<String> members = new ArrayList<>();
        private String bindAddress = "127.0.0.1";
        private int retries;
        private Duration taskTimeout;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private final List<String> allowed = new ArrayList<>();
        private int memberThreads;
        private boolean isolated;

        private Builder()
        {
        }

        /**
         * @param name the cluster's name; processes of another name never join it.
         */
        public Builder name(final String name)
        {
            Objects.requireNonNull(name, "name");
            if (name.isBlank())
            {
                throw new IllegalArgumentException("the cluster name is blank");
            }
            this.name = name;
            return this;
        }

        /**
         * @param key the shared key, at least {@value #MIN_KEY_BYTES} random bytes; every member and driver of the
         *            cluster holds the same one.
         */
        public Builder key(final byte[] key)
        {
            Objects.requireNonNull(key, "key");
            if (key.length < MIN_KEY_BYTES)
            {
                throw new IllegalArgumentException("the cluster key has " + key.length + " bytes; it needs at least " +
                    MIN_KEY_BYTES + " random bytes (e.g. head -c 32 /dev/urandom > cluster.key)");
            }
            this.key = key.clone();
            return this;
        }

        /**
         * @param file a file holding the shared key's bytes (e.g. made by {@code head -c 32 /dev/urandom}).
         */
        public Builder keyFile(final Path file)
        {
            Objects.requireNonNull(file, "file");
            try
            {
                return key(Files.readAllBytes(file));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read the cluster key file " + file, ex);
            }
        }

        /**
         * @param addresses {@code host:port} of members to join or connect to.
         */
        public Builder members(final String... addresses)
        {
            for (final String address : addresses)
            {
                members.add(checkAddress(address));
            }
            return this;
        }

        public Builder members(final List<String> addresses)
        {
            return members(addresses.toArray(new String[0]));
        }

        /**
         * @param address the interface members bind to; loopback ({@code 127.0.0.1}) unless named.
         */
        public Builder bindAddress(final String address)
        {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * @param retries how many times a chunk whose member left is given to another member before it fails.
         */
        public Builder retries(final int retries)
        {
            if (retries < 0)
            {
                throw new IllegalArgumentException("retries must be at least 0: " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * @param timeout how long a chunk may take, from when it is sent to a member until its answer: past it, the
         *                call fails with {@link io.multiprocessing4j.TaskTimeoutException} (it is not retried) and
         *                the member's thread is interrupted (a member cannot be killed as a local worker is: a task
         *                that ignores interrupts keeps its thread).
         */
        public Builder taskTimeout(final Duration timeout)
        {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("taskTimeout must be positive: " + timeout);
            }
            this.taskTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long {@link ClusterPool#connect} tries to reach a member; 10 s unless set.
         */
        public Builder connectTimeout(final Duration timeout)
        {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("connectTimeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param prefixes class-name prefixes that arguments and results may have besides the defaults.
         */
        public Builder allowClasses(final String... prefixes)
        {
            allowed.addAll(Arrays.asList(prefixes));
            return this;
        }

        /**
         * @param threads how many threads a member runs chunks on; by default one per core of the member's host
         *                (members that share a host, as a {@link LocalCluster}'s do, share its cores).
         */
        public Builder memberThreads(final int threads)
        {
            if (threads < 1)
            {
                throw new IllegalArgumentException("memberThreads must be at least 1: " + threads);
            }
            this.memberThreads = threads;
            return this;
        }

        /**
         * @param isolated whether a member runs chunks in a local pool of {@link #memberThreads} child JVMs (each
         *                 chunk one task there) instead of on its own threads: a chunk that crashes its JVM then
         *                 fails with {@link io.multiprocessing4j.WorkerDiedException}, and the member lives on.
         */
        public Builder isolated(final boolean isolated)
        {
            this.isolated = isolated;
            return this;
        }

        /**
         * @throws IllegalStateException if no name or key was given.
         */
        public ClusterConfig build()
        {
            if (null == name || null == key)
            {
                throw new IllegalStateException("a cluster needs a name and a shared key: ClusterConfig.builder()" +
                    ".name(\"jobs\").keyFile(Path.of(\"cluster.key\"))");
            }
            return new ClusterConfig(this);
        }

        private static String checkAddress(final String address)
        {
            Objects.requireNonNull(address, "address");
            final int colon = address.lastIndexOf(':');
            if (colon < 1 || colon == address.length() - 1)
            {
                throw new IllegalArgumentException("a member address is host:port, not \"" + address + "\"");
            }
            try
            {
                final int port = Integer.parseInt(address.substring(colon + 1));
                if (port < 1 || port > 65535)
                {
                    throw new IllegalArgumentException("port out of range in member address \"" + address + "\"");
                }
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("a member address is host:port, not \"" + address + "\"", ex);
            }
            return address;
        }
    }
}
