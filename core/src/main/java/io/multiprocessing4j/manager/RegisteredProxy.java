package io.multiprocessing4j.manager;

import io.multiprocessing4j.RemoteProcessException;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns calls on a registered type's interface into calls in the manager; default methods run here, on top
 * of the others. What the method throws in the manager is thrown here as it was when the method declares it
 * (or it is unchecked), else as a {@link RemoteProcessException}. Thread-safe.
 */
final class RegisteredProxy implements InvocationHandler, Serializable
{
    private static final long serialVersionUID = 1L;

    private final Remote remote;
    private final String api;

    private RegisteredProxy(final Remote remote, final String api)
    {
        this.remote = remote;
        this.api = api;
    }

    static <I> I of(final Remote remote, final Class<I> api)
    {
        if (!api.isInterface())
        {
            throw new IllegalArgumentException("a registered type's proxy needs an interface, not " + api.getName());
        }
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[]{api}, new RegisteredProxy(remote,
            api.getName())));
    }

    static RegisteredProxy handlerOf(final Object proxy)
    {
        if (null == proxy || !Proxy.isProxyClass(proxy.getClass()) ||
            !(Proxy.getInvocationHandler(proxy) instanceof RegisteredProxy))
        {
            throw new IllegalArgumentException("not a proxy of a registered type: " + proxy);
        }
        return (RegisteredProxy)Proxy.getInvocationHandler(proxy);
    }

    Remote remote()
    {
        return remote;
    }

    String api()
    {
        return api;
    }

    public Object invoke(final Object proxy, final Method method, final Object[] args) throws Throwable
    {
        if (method.isDefault())
        {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        if (Object.class == method.getDeclaringClass())
        {
            switch (method.getName())
            {
                case "equals":
                    return proxy == args[0] || (null != args[0] && Proxy.isProxyClass(args[0].getClass()) &&
                        Proxy.getInvocationHandler(args[0]) instanceof RegisteredProxy &&
                        remote.equals(((RegisteredProxy)Proxy.getInvocationHandler(args[0])).remote));
                case "hashCode":
                    return remote.hashCode();
                default:
                    return api.substring(api.lastIndexOf('.') + 1) + "[" + remote + "]";
            }
        }
        final String signature = method.getName() + Arrays.stream(method.getParameterTypes())
            .map(Class::getName).collect(Collectors.joining(",", "(", ")"));
        try
        {
            return remote.callRaw(signature, args);
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            for (final Class<?> declared : method.getExceptionTypes())
            {
                if (declared.isInstance(ex))
                {
                    throw ex;
                }
            }
            if (ex instanceof InterruptedException)
            {
                Thread.currentThread().interrupt();
                throw new ManagerException("interrupted while calling " + signature + " on " + remote, ex);
            }
            throw RemoteProcessException.of(ex);
        }
    }
}
