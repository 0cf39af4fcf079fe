package io.multiprocessing4j.manager;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.function.ManagedFactory;
import io.multiprocessing4j.internal.manager.ManagerAddress;
import io.multiprocessing4j.internal.manager.ManagerClient;
import io.multiprocessing4j.internal.manager.ManagerRegistration;
import io.multiprocessing4j.internal.manager.ManagerRequest;
import io.multiprocessing4j.internal.manager.ManagerServer;
import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.JvmFlags;
import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Python's {@code multiprocessing.Manager()} / {@code SyncManager} / {@code BaseManager}: a manager process
 * (a JVM of its own) that holds lists, dicts, namespaces, values, queues, locks, semaphores, events,
 * conditions, barriers and registered types, and hands out proxies to them. Every call on a proxy runs in
 * the manager, so every process holding one sees one object. Proxies pass to child processes and pool tasks
 * like any shared object. On one host, calls travel over pipes in shared memory; a manager started with
 * {@link Builder#listen} also accepts processes elsewhere over TCP that prove they know its key.
 * <p>
 * {@link #close()} ends the manager process and removes its files; proxies then throw
 * {@link ManagerException}, as they do within a second if the manager dies. Thread-safe.
 */
public final class Manager implements AutoCloseable
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ManagerAddress address;
    private final InetSocketAddress listening;
    private final JvmProcess process;
    private final ShmContext context;
    private final long ownerToken;
    private boolean closed;

    private Manager(final ManagerAddress address, final InetSocketAddress listening, final JvmProcess process,
        final ShmContext context, final long ownerToken)
    {
        this.address = address;
        this.listening = listening;
        this.process = process;
        this.context = context;
        this.ownerToken = ownerToken;
    }

    /**
     * @return a started manager with the built-in types (Python's {@code Manager()}).
     */
    public static Manager start()
    {
        return builder().start();
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Connects to a manager listening elsewhere (Python's {@code BaseManager(address, authkey).connect()}).
     * The key stays in this process and belongs to this handle: its proxies use it, a wrong key fails here
     * even in a thread already connected with the right one, and proxies this process receives from that
     * manager use the first key that authenticated.
     *
     * @throws ManagerException.AuthenticationFailed if the manager does not know {@code key}.
     * @throws ManagerException if nothing answers at {@code address}.
     */
    public static Manager connect(final InetSocketAddress address, final byte[] key, final String... allowClasses)
    {
        Objects.requireNonNull(address, "address");
        requireKey(key);
        JvmFlags.ensureAgronaAccess();
        final ManagerAddress remote =
            ManagerAddress.tcp(address.getHostString(), address.getPort(), allowClasses).withKey(key);
        final Manager manager = new Manager(remote, address, null, null, 0);
        manager.request(ManagerRequest.HELLO, 0, "hello");
        return manager;
    }

    public <E> ManagedList<E> list()
    {
        return new ManagedList<>(create("list"));
    }

    public <E> ManagedList<E> list(final Collection<? extends E> elements)
    {
        return new ManagedList<>(create("list", new ArrayList<>(Objects.requireNonNull(elements, "elements"))));
    }

    public <K, V> ManagedDict<K, V> dict()
    {
        return new ManagedDict<>(create("dict"));
    }

    public <K, V> ManagedDict<K, V> dict(final Map<? extends K, ? extends V> entries)
    {
        return new ManagedDict<>(create("dict", new LinkedHashMap<>(Objects.requireNonNull(entries, "entries"))));
    }

    public ManagedNamespace namespace()
    {
        return new ManagedNamespace(create("namespace"));
    }

    public <T> ManagedValue<T> value(final T initial)
    {
        return new ManagedValue<>(create("value", initial));
    }

    public <E> ManagedQueue<E> queue()
    {
        return queue(0);
    }

    /**
     * @param maxsize at most this many items (0 or less: no bound).
     */
    public <E> ManagedQueue<E> queue(final int maxsize)
    {
        return new ManagedQueue<>(create("queue", maxsize));
    }

    /**
     * @return a queue with {@link ManagedQueue#taskDone()} and {@link ManagedQueue#join()} (every manager
     * queue has them, as Python's {@code queue.Queue} does).
     */
    public <E> ManagedQueue<E> joinableQueue()
    {
        return queue(0);
    }

    public ManagedLock lock()
    {
        return new ManagedLock(create("lock"));
    }

    public ManagedLock rlock()
    {
        return new ManagedLock(create("rlock"));
    }

    public ManagedCondition condition()
    {
        return new ManagedCondition(create("rlock"));
    }

    public ManagedSemaphore semaphore(final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        return new ManagedSemaphore(create("semaphore", permits));
    }

    public ManagedEvent event()
    {
        return new ManagedEvent(create("event"));
    }

    public ManagedBarrier barrier(final int parties)
    {
        if (parties <= 0)
        {
            throw new IllegalArgumentException("parties must be positive: " + parties);
        }
        return new ManagedBarrier(create("barrier", parties));
    }

    /**
     * @return a proxy to a new instance of a registered type (or to the one instance of a shared one).
     * @throws IllegalArgumentException if nothing is registered as {@code typeId}.
     */
    public <I> I create(final String typeId, final Class<I> api)
    {
        Objects.requireNonNull(typeId, "typeId");
        Objects.requireNonNull(api, "api");
        return RegisteredProxy.of(create(typeId), api);
    }

    /**
     * @return what to send to another process for it to reach the same object ({@link ManagedReference#get()}).
     */
    public static <I> ManagedReference<I> reference(final I proxy)
    {
        final RegisteredProxy handler = RegisteredProxy.handlerOf(proxy);
        return new ManagedReference<>(handler.remote(), handler.api());
    }

    /**
     * @return the TCP address this manager listens on, if it does.
     */
    public Optional<InetSocketAddress> address()
    {
        return Optional.ofNullable(listening);
    }

    /**
     * @return the manager process's pid, or -1 for a manager this process connected to.
     */
    public long pid()
    {
        return null == process ? -1 : process.pid();
    }

    /**
     * Ends the manager process (if this process started it) and removes its files. Idempotent.
     */
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        if (null == process)
        {
            return;
        }
        try
        {
            if (process.isAlive())
            {
                request(ManagerRequest.SHUTDOWN, ownerToken, "shutdown");
            }
            if (!process.join(STOP_TIMEOUT))
            {
                kill();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            kill();
        }
        catch (final ManagerException ex)
        {
            kill();
        }
        finally
        {
            ManagerClient.forget(address);
            context.close();
        }
    }

    private void kill()
    {
        if (process.isAlive())
        {
            try
            {
                process.kill();
                process.join(STOP_TIMEOUT);
            }
            catch (final IllegalStateException exitedMeanwhile)
            {
                // it ended between the check and the kill
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String toString()
    {
        return "Manager[" + address + (null == listening ? "" : ", listening on " + listening) + "]";
    }

    private Remote create(final String type, final Object... args)
    {
        return new Remote(address, (Long)request(ManagerRequest.CREATE, 0, type, args));
    }

    private Object request(final int op, final long id, final String name, final Object... args)
    {
        try
        {
            return ManagerClient.call(address, new ManagerRequest(op, id, name, args));
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ManagerException("interrupted while talking to the " + address, ex);
        }
        catch (final Throwable ex)
        {
            throw new ManagerException("the " + address + " failed: " + ex, ex);
        }
    }

    private static void requireKey(final byte[] key)
    {
        Objects.requireNonNull(key, "key");
        if (0 == key.length)
        {
            throw new IllegalArgumentException("the key must not be empty");
        }
    }

    /**
     * Sets a manager up before it starts: registered types (Python's {@code BaseManager.register}), classes its
     * objects may hold, and whether it listens on TCP.
     */
    public static final class Builder
    {
        private final Map<String, ManagerRegistration> registry = new HashMap<>();
        private final List<String> allowed = new ArrayList<>();
        private InetSocketAddress listen;
        private byte[] key;

        private Builder()
        {
        }

        /**
         * Registers a type: each {@link Manager#create} of {@code typeId} makes a new instance with
         * {@code factory} in the manager, reached through {@code api}. Its methods run concurrently on the
         * manager's threads, as in Python: make it thread-safe.
         */
        public <I> Builder register(final String typeId, final Class<I> api, final ManagedFactory<? extends I> factory)
        {
            return register(typeId, api, factory, false);
        }

        /**
         * Registers a type of which the manager holds one instance, made at the first {@link Manager#create},
         * that every create returns (Python's {@code register('get_queue', callable=lambda: queue)}).
         */
        public <I> Builder registerShared(final String typeId, final Class<I> api,
            final ManagedFactory<? extends I> factory)
        {
            return register(typeId, api, factory, true);
        }

        private Builder register(final String typeId, final Class<?> api, final ManagedFactory<?> factory,
            final boolean singleton)
        {
            Objects.requireNonNull(typeId, "typeId");
            Objects.requireNonNull(factory, "factory");
            if (!Objects.requireNonNull(api, "api").isInterface())
            {
                throw new IllegalArgumentException("a registered type is reached through an interface, not " +
                    api.getName());
            }
            registry.put(typeId, new ManagerRegistration(api, factory, singleton));
            allowed.add(api.getPackageName() + ".");
            return this;
        }

        /**
         * Lets the manager's objects hold instances of classes whose names start with these prefixes, besides
         * the JDK's value and collection classes.
         */
        public Builder allowClasses(final String... prefixes)
        {
            allowed.addAll(List.of(prefixes));
            return this;
        }

        /**
         * Also listens on TCP (loopback when the address is not given), accepting only processes that prove
         * they know {@code key} (it reaches the manager process through its start pipe, never its command line).
         */
        public Builder listen(final InetSocketAddress address, final byte[] key)
        {
            this.listen = Objects.requireNonNull(address, "address");
            requireKey(key);
            this.key = key.clone();
            return this;
        }

        /**
         * Listens on the loopback interface at {@code port} (0: any free port).
         */
        public Builder listen(final int port, final byte[] key)
        {
            return listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), key);
        }

        /**
         * @throws ManagerException if the manager process does not start within a minute.
         */
        public Manager start()
        {
            JvmFlags.ensureAgronaAccess();
            final ShmContext context = ShmContext.create();
            if (null == System.getProperty(ShmConfiguration.IDLE_PROP_NAME))
            {
                context.setIdlePolicy(IdlePolicy.RESPONSIVE);
            }
            try
            {
                final SharedQueue<String> accept = SharedQueue.create(context);
                accept.label("manager accept queue");
                final SharedLong port = SharedLong.create(context, 0);
                port.label("manager port");
                final long token = new SecureRandom().nextLong();
                final String acceptHandle = accept.handle().toString();
                final Map<String, ManagerRegistration> registrations = new HashMap<>(registry);
                final String[] allowedPrefixes = allowed.toArray(new String[0]);
                final String host = null == listen ? null : listen.getAddress().getHostAddress();
                final int requestedPort = null == listen ? 0 : listen.getPort();
                final byte[] secret = null == key ? null : key.clone();
                final JvmProcess process = new JvmProcess("Manager", () -> ManagerServer.run(acceptHandle, port,
                    registrations, allowedPrefixes, token, host, requestedPort, secret));
                process.setDaemon(true).start();
                final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                while (0 == port.get())
                {
                    if (!process.isAlive() || System.nanoTime() - deadline > 0)
                    {
                        process.kill();
                        throw new ManagerException("the manager process " + (process.isAlive() ? "did not start in " +
                            START_TIMEOUT : "ended while starting: " + process.exitCode() + " " + process.exception()));
                    }
                    Thread.sleep(1);
                }
                final ManagerAddress address = ManagerAddress.local(acceptHandle, process.pid(), allowedPrefixes);
                final InetSocketAddress listening = null == listen ? null :
                    new InetSocketAddress(listen.getAddress(), (int)port.get());
                if (null != listening)
                {
                    ManagerClient.trustKey(ManagerAddress.tcp(listening.getHostString(), listening.getPort(),
                        allowedPrefixes), key);
                }
                return new Manager(address, listening, process, context, token);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                context.close();
                throw new ManagerException("interrupted while starting a manager", ex);
            }
            catch (final RuntimeException ex)
            {
                context.close();
                throw ex;
            }
        }
    }
}
