package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.BrokenPipeException;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.MessageTooLargeException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.manager.ManagerException;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's connections to managers: one per thread, manager and key (as in Python, one per thread and
 * manager), made at a thread's first call, so a call blocked in the manager holds up no other thread. A call
 * through an address made {@link ManagerAddress#withKey with a key} authenticates with that key on a
 * connection of its own, so a wrong key always fails and never affects a handle made with the right one. An
 * address that arrived without one (a proxy inside a response) uses the first key this JVM authenticated
 * with to that manager, or the owner's ({@link #trustKey}). Keys never leave the process. Thread-safe.
 */
public final class ManagerClient
{
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LIVENESS_POLL = Duration.ofMillis(100);
    private static final Map<Endpoint, ThreadLocal<Channel>> CHANNELS = new ConcurrentHashMap<>();
    private static final Map<ManagerAddress, byte[]> KEYS = new ConcurrentHashMap<>();
    /** One per allow-list, shared by every connection: building Fory costs a new connection tens of ms. */
    private static final Map<List<String>, Codec> CODECS = new ConcurrentHashMap<>();

    private ManagerClient()
    {
    }

    /**
     * Makes {@code key} the one that keyless addresses of a manager this JVM started use.
     */
    public static void trustKey(final ManagerAddress address, final byte[] key)
    {
        KEYS.put(address, key.clone());
    }

    /**
     * Drops this JVM's connections to a manager that has ended (each thread's, once it is collected).
     */
    public static void forget(final ManagerAddress address)
    {
        CHANNELS.keySet().removeIf(endpoint -> endpoint.address.equals(address));
        KEYS.remove(address);
    }

    /**
     * Sends a request and waits for its response.
     *
     * @return what the call returned.
     * @throws ManagerException     if the manager is gone or cannot be reached (within a second of its death).
     * @throws CodecException       if the request or its response cannot be encoded or decoded; the
     *                              connection stays usable (nothing was sent, or the response was consumed).
     * @throws InterruptedException if interrupted; this thread's connection is dropped (its reply would be
     *                              out of step) and the next call makes a new one.
     * @throws Throwable            what the call threw in the manager.
     */
    public static Object call(final ManagerAddress address, final ManagerRequest request) throws Throwable
    {
        final byte[] key = address.isLocal() ? null : key(address);
        final ThreadLocal<Channel> local =
            CHANNELS.computeIfAbsent(new Endpoint(address, key), ignored -> new ThreadLocal<>());
        Channel channel = local.get();
        if (null == channel)
        {
            if (address.isLocal())
            {
                channel = new ShmChannel(address);
            }
            else
            {
                channel = new SocketChannel(address, key);
                KEYS.putIfAbsent(address, key.clone());
            }
            local.set(channel);
        }
        final ManagerResponse response;
        try
        {
            response = channel.roundTrip(request);
        }
        catch (final CodecException | MessageTooLargeException ex)
        {
            throw ex;
        }
        catch (final InterruptedException | RuntimeException | IOException ex)
        {
            local.remove();
            channel.close();
            if (ex instanceof InterruptedException)
            {
                throw ex;
            }
            if (ex instanceof ManagerException)
            {
                throw ex;
            }
            throw new ManagerException("the " + address + " is gone or unreachable: " + ex, ex);
        }
        if (null != response.failure)
        {
            throw response.failure;
        }
        return response.value;
    }

    private static Codec codecFor(final ManagerAddress address)
    {
        return CODECS.computeIfAbsent(List.of(address.allowed),
            allowed -> Codec.fory(ClassAllowList.defaults().with(allowed.toArray(new String[0]))));
    }

    private static byte[] key(final ManagerAddress address)
    {
        final byte[] key = null != address.key ? address.key : KEYS.get(address);
        if (null == key)
        {
            throw new ManagerException("no key for the " + address +
                ": connect to it in this process with Manager.connect(address, key) first");
        }
        return key;
    }

    /**
     * A manager and the key its connections authenticate with ({@code null} on the same host).
     */
    private static final class Endpoint
    {
        private final ManagerAddress address;
        private final byte[] key;

        Endpoint(final ManagerAddress address, final byte[] key)
        {
            this.address = address;
            this.key = key;
        }

        public boolean equals(final Object other)
        {
            return other instanceof Endpoint && address.equals(((Endpoint)other).address) &&
                Arrays.equals(key, ((Endpoint)other).key);
        }

        public int hashCode()
        {
            return address.hashCode() * 31 + Arrays.hashCode(key);
        }
    }

    private interface Channel
    {
        ManagerResponse roundTrip(ManagerRequest request) throws InterruptedException, IOException;

        void close();
    }

    /**
     * A duplex pipe in the manager's context: this end stays here, the other goes through the manager's accept
     * queue to a thread of its own.
     */
    private static final class ShmChannel implements Channel
    {
        private final ManagerAddress address;
        private final Pipe pipe;
        private final Connection connection;

        ShmChannel(final ManagerAddress address) throws InterruptedException
        {
            this.address = address;
            final SharedHandle acceptHandle = SharedHandle.parse(address.acceptQueue);
            final ShmContext context;
            try
            {
                context = ShmContext.of(acceptHandle.file().getParent());
            }
            catch (final RuntimeException ex)
            {
                throw new ManagerException("the " + address + " is gone: " + ex.getMessage(), ex);
            }
            pipe = Pipe.create(context, true).label("manager client " + ProcessHandle.current().pid());
            connection = pipe.first();
            connection.setCodec(codecFor(address));
            try (SharedQueue<Object> accept = SharedQueue.attach(acceptHandle))
            {
                if (!accept.offer(pipe.second().transferHandle().toString(), 1, java.util.concurrent.TimeUnit.SECONDS))
                {
                    throw new ManagerException("the " + address + " is not accepting connections");
                }
            }
            catch (final RuntimeException ex)
            {
                pipe.close();
                throw ex instanceof ManagerException ? ex : new ManagerException("the " + address + " is gone: " + ex,
                    ex);
            }
            connection.send(new ManagerRequest(ManagerRequest.HELLO, 0, "hello", null));
            final long deadline = System.nanoTime() + HELLO_TIMEOUT.toNanos();
            while (!connection.poll(LIVENESS_POLL))
            {
                if (!alive() || System.nanoTime() - deadline > 0)
                {
                    pipe.close();
                    throw new ManagerException("the " + address + (alive() ? " did not answer" : " is gone"));
                }
            }
            try
            {
                connection.recv();
            }
            catch (final EOFException ex)
            {
                pipe.close();
                throw new ManagerException("the " + address + " is gone", ex);
            }
        }

        private boolean alive()
        {
            return ProcessHandle.of(address.pid).map(ProcessHandle::isAlive).orElse(false);
        }

        public ManagerResponse roundTrip(final ManagerRequest request) throws InterruptedException
        {
            try
            {
                connection.send(request);
                return (ManagerResponse)connection.recv();
            }
            catch (final EOFException | BrokenPipeException ex)
            {
                throw new ManagerException("the " + address + " is gone (" + ex.getMessage() + ")", ex);
            }
        }

        public void close()
        {
            pipe.close();
        }
    }

    private static final class SocketChannel implements Channel
    {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;
        private final Codec codec;

        SocketChannel(final ManagerAddress address, final byte[] key)
        {
            codec = codecFor(address);
            socket = new Socket();
            try
            {
                socket.connect(new InetSocketAddress(address.host, address.port), 5_000);
                socket.setTcpNoDelay(true);
                in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
                socket.setSoTimeout(10_000);
                Frames.authenticateAsClient(in, out, key);
                socket.setSoTimeout(0);
            }
            catch (final Frames.AuthenticationFailure ex)
            {
                close();
                throw new ManagerException.AuthenticationFailed("the " + address + " refused this process: " +
                    ex.getMessage());
            }
            catch (final IOException ex)
            {
                close();
                throw new ManagerException("cannot reach the " + address + ": " + ex, ex);
            }
        }

        public ManagerResponse roundTrip(final ManagerRequest request) throws IOException
        {
            Frames.write(out, codec.encode(request));
            return (ManagerResponse)codec.decode(Frames.read(in, Frames.MAX_FRAME));
        }

        public void close()
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignored)
            {
                // closing a socket that failed to connect
            }
        }
    }
}
