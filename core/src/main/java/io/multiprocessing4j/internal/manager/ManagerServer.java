package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.RemoteProcessException;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.value.SharedLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The manager process (Python's server process): holds every managed object and serves each client
 * connection on a thread of its own, over a pipe in shared memory or an authenticated socket. Objects live
 * until the manager ends. Calls on lists, dicts, namespaces and values hold the object's monitor; locks,
 * queues and registered types are called concurrently, as in Python.
 */
public final class ManagerServer
{
    private static final Logger LOG = LoggerFactory.getLogger(ManagerServer.class);
    private static final Object[] NO_ARGS = new Object[0];
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
        "double", double.class, "boolean", boolean.class, "float", float.class, "short", short.class,
        "byte", byte.class, "char", char.class);

    private final Map<Long, Served> objects = new ConcurrentHashMap<>();
    private final Map<String, Long> singletons = new ConcurrentHashMap<>();
    private final ClassValue<Map<String, Method>> methods = new ClassValue<>()
    {
        protected Map<String, Method> computeValue(final Class<?> api)
        {
            return new ConcurrentHashMap<>();
        }
    };
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, ManagerRegistration> registry;
    private final Codec codec;
    private final long ownerToken;
    private final CountDownLatch shutdown = new CountDownLatch(1);

    private ManagerServer(final Map<String, ManagerRegistration> registry, final String[] allowed,
        final long ownerToken)
    {
        this.registry = Map.copyOf(registry);
        this.codec = Codec.fory(ClassAllowList.defaults().with(allowed));
        this.ownerToken = ownerToken;
    }

    /**
     * Runs a manager until its owner shuts it down.
     *
     * @param acceptQueue handle of the queue clients send their pipe ends through.
     * @param port        where the TCP port is published once listening (or -1 when not listening).
     * @param host        the address to listen on, or {@code null} not to.
     * @param key         the key remote clients must prove they know.
     */
    public static void run(final String acceptQueue, final SharedLong port,
        final Map<String, ManagerRegistration> registry,
        final String[] allowed, final long ownerToken, final String host, final int requestedPort, final byte[] key)
        throws Exception
    {
        final ManagerServer server = new ManagerServer(registry, allowed, ownerToken);
        if (null != host)
        {
            final ServerSocketChannel socket = ServerSocketChannel.open();
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), requestedPort));
            daemon("mp4j-manager-listener", new HandshakeListener(socket, key, client ->
                daemon("mp4j-manager-remote-client", () -> server.serve(client.socket())).start())).start();
            port.set(socket.socket().getLocalPort());
        }
        else
        {
            port.set(-1);
        }
        @SuppressWarnings("unchecked")
        final SharedQueue<String> queue =
            (SharedQueue<String>)(SharedQueue<?>)SharedQueue.attach(SharedHandle.parse(acceptQueue));
        daemon("mp4j-manager-accept", () -> server.accept(queue)).start();
        server.shutdown.await();
    }

    private void accept(final SharedQueue<String> queue)
    {
        while (true)
        {
            final String handle;
            try
            {
                handle = queue.take();
            }
            catch (final InterruptedException | RuntimeException ex)
            {
                LOG.debug("manager accept queue closed: {}", ex.toString());
                return;
            }
            daemon("mp4j-manager-client", () -> serve(handle)).start();
        }
    }

    private void serve(final String handle)
    {
        final Connection connection;
        try
        {
            connection = Connection.Second.attach(SharedHandle.parse(handle));
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("manager: cannot attach a client's pipe {}: {}", handle, ex.toString());
            return;
        }
        connection.setCodec(codec);
        final Session session = Session.current();
        try
        {
            while (true)
            {
                final Object message;
                try
                {
                    message = connection.recv();
                }
                catch (final EOFException ex)
                {
                    return;
                }
                catch (final RuntimeException ex)
                {
                    connection.send(new ManagerResponse(null, RemoteProcessException.of(ex)));
                    continue;
                }
                final ManagerResponse response = handle(message);
                try
                {
                    connection.send(response);
                }
                catch (final RuntimeException ex)
                {
                    connection.send(unsendable(response, ex));
                }
                if (isShutdown(message, response))
                {
                    shutdown.countDown();
                    return;
                }
            }
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            LOG.debug("manager: client connection ended: {}", ex.toString());
        }
        finally
        {
            release(session);
            connection.close();
        }
    }

    /**
     * Serves a remote client that has proved it knows the key, until it disconnects.
     */
    private void serve(final Socket socket)
    {
        final Session session = Session.current();
        try (socket)
        {
            final DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            final DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            while (true)
            {
                final byte[] frame;
                try
                {
                    frame = Frames.read(in, Frames.MAX_FRAME);
                }
                catch (final EOFException ex)
                {
                    return;
                }
                ManagerResponse response;
                try
                {
                    response = handle(codec.decode(frame));
                }
                catch (final RuntimeException ex)
                {
                    response = new ManagerResponse(null, RemoteProcessException.of(ex));
                }
                byte[] bytes;
                try
                {
                    bytes = codec.encode(response);
                }
                catch (final RuntimeException ex)
                {
                    bytes = codec.encode(unsendable(response, ex));
                }
                Frames.write(out, bytes);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.debug("manager: remote client {} dropped: {}", socket.getRemoteSocketAddress(), ex.toString());
        }
        finally
        {
            release(session);
        }
    }

    /**
     * @return whether the owner's shutdown was accepted (its reply is sent before the manager ends).
     */
    private static boolean isShutdown(final Object message, final ManagerResponse response)
    {
        return message instanceof ManagerRequest && ManagerRequest.SHUTDOWN == ((ManagerRequest)message).op &&
            null == response.failure;
    }

    private static void release(final Session session)
    {
        final int released = session.end();
        if (released > 0)
        {
            LOG.warn("manager: a client went while holding {} lock(s) or permit(s); released", released);
        }
    }

    private static ManagerResponse unsendable(final ManagerResponse response, final RuntimeException ex)
    {
        return new ManagerResponse(null, null != response.failure ? RemoteProcessException.of(response.failure) :
            new RemoteProcessException(ex.getClass().getName(), "the manager cannot send the result back: " +
                ex.getMessage(), null));
    }

    private ManagerResponse handle(final Object message)
    {
        if (!(message instanceof ManagerRequest))
        {
            return new ManagerResponse(null, new IllegalArgumentException(
                "not a manager request: " + (null == message ? "null" : message.getClass().getName())));
        }
        final ManagerRequest request = (ManagerRequest)message;
        try
        {
            return new ManagerResponse(dispatch(request), null);
        }
        catch (final InvocationTargetException ex)
        {
            return new ManagerResponse(null, ex.getCause());
        }
        catch (final Exception | LinkageError ex)
        {
            return new ManagerResponse(null, ex);
        }
    }

    private Object dispatch(final ManagerRequest request) throws Exception
    {
        switch (request.op)
        {
            case ManagerRequest.CALL:
            {
                final Served served = objects.get(request.id);
                if (null == served)
                {
                    throw new IllegalArgumentException("the manager holds no object " + request.id);
                }
                final Method method = method(served.api, request.name);
                final Object[] args = null == request.args ? NO_ARGS : request.args;
                if (served.exclusive)
                {
                    synchronized (served.target)
                    {
                        return method.invoke(served.target, args);
                    }
                }
                return method.invoke(served.target, args);
            }
            case ManagerRequest.CREATE:
                return create(request.name, null == request.args ? NO_ARGS : request.args);
            case ManagerRequest.HELLO:
                return ProcessHandle.current().pid();
            case ManagerRequest.SHUTDOWN:
                if (request.id != ownerToken)
                {
                    throw new SecurityException("only the manager's owner may shut it down");
                }
                return null;
            default:
                throw new IllegalArgumentException("unknown manager operation " + request.op);
        }
    }

    private long create(final String type, final Object[] args) throws Exception
    {
        final ManagerRegistration registration = registry.get(type);
        if (null != registration)
        {
            final Class<?> api = loadClass(registration.api);
            if (registration.singleton)
            {
                final Long existing = singletons.get(type);
                if (null != existing)
                {
                    return existing;
                }
                synchronized (singletons)
                {
                    return singletons.computeIfAbsent(type, ignored -> add(new Served(registration.factory.get(), api,
                        false)));
                }
            }
            return add(new Served(registration.factory.get(), api, false));
        }
        switch (type)
        {
            case "list":
                return add(new Served(0 == args.length ? new ArrayList<>() : new ArrayList<>((Collection<?>)args[0]),
                    ArrayList.class, true));
            case "dict":
            case "namespace":
                return add(new Served(0 == args.length ? new LinkedHashMap<>() :
                    new LinkedHashMap<>((Map<?, ?>)args[0]),
                    LinkedHashMap.class, true));
            case "value":
                return add(new Served(new AtomicReference<>(args[0]), AtomicReference.class, false));
            case "queue":
                return add(new Served(new ServerQueue((Integer)args[0]), ServerQueue.class, false));
            case "lock":
                return add(new Served(new ServerLock(), ServerLock.class, false));
            case "rlock":
                return add(new Served(new ServerRLock(), ServerRLock.class, false));
            case "semaphore":
                return add(new Served(new ServerSemaphore((Integer)args[0]), ServerSemaphore.class, false));
            case "event":
                return add(new Served(new ServerEvent(), ServerEvent.class, false));
            case "barrier":
                return add(new Served(new ServerBarrier((Integer)args[0]), ServerBarrier.class, false));
            default:
                throw new IllegalArgumentException("the manager has no type '" + type + "' registered");
        }
    }

    private long add(final Served served)
    {
        final long id = nextId.getAndIncrement();
        objects.put(id, served);
        return id;
    }

    private Method method(final Class<?> api, final String signature) throws Exception
    {
        final Map<String, Method> ofApi = methods.get(api);
        final Method cached = ofApi.get(signature);
        if (null != cached)
        {
            return cached;
        }
        final int open = signature.indexOf('(');
        if (open <= 0 || !signature.endsWith(")"))
        {
            throw new IllegalArgumentException("malformed method signature '" + signature + "'");
        }
        final String name = signature.substring(0, open);
        final String list = signature.substring(open + 1, signature.length() - 1);
        final List<Class<?>> types = new ArrayList<>();
        if (!list.isEmpty())
        {
            for (final String typeName : list.split(","))
            {
                types.add(PRIMITIVES.containsKey(typeName) ? PRIMITIVES.get(typeName) : loadClass(typeName));
            }
        }
        Method method;
        try
        {
            method = api.getMethod(name, types.toArray(new Class<?>[0]));
        }
        catch (final NoSuchMethodException ex)
        {
            try
            {
                method = Object.class.getMethod(name, types.toArray(new Class<?>[0]));
            }
            catch (final NoSuchMethodException notOnObject)
            {
                throw new IllegalArgumentException(api.getName() + " has no public method " + signature, ex);
            }
        }
        ofApi.put(signature, method);
        return method;
    }

    private static Class<?> loadClass(final String name) throws ClassNotFoundException
    {
        return Class.forName(name, false, ManagerServer.class.getClassLoader());
    }

    private static Thread daemon(final String name, final Runnable body)
    {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static final class Served
    {
        final Object target;
        final Class<?> api;
        final boolean exclusive;

        Served(final Object target, final Class<?> api, final boolean exclusive)
        {
            this.target = target;
            this.api = api;
            this.exclusive = exclusive;
        }
    }
}
