package io.multiprocessing4j.internal.process;

import org.agrona.LangUtil;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A serializable lambda or method reference shipped by reference, as Python pickles a function: the class,
 * name and descriptor of the method it calls, plus its captured values. The child calls the method
 * reflectively, which skips the lambda bootstrap that deserializing a lambda costs a fresh JVM (tens of
 * milliseconds). Stateless.
 */
final class TargetReference
{
    private TargetReference()
    {
    }

    /**
     * @param target a no-argument functional object.
     * @return its serialized form, or {@code null} if it is not a serializable lambda whose method can be
     * called with its captured values alone (the caller then encodes the object whole).
     */
    static SerializedLambda of(final Object target)
    {
        try
        {
            final Method writeReplace = target.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            final Object replaced = writeReplace.invoke(target);
            if (replaced instanceof SerializedLambda)
            {
                final SerializedLambda lambda = (SerializedLambda)replaced;
                return "()V".equals(lambda.getInstantiatedMethodType()) ? lambda : null;
            }
            return null;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return a runnable that calls the named method with {@code captured}.
     * @throws ClassNotFoundException if the class is not on this JVM's class path.
     * @throws NoSuchMethodException  if the class has no such method (a different build).
     */
    static Runnable resolve(
        final String className,
        final String methodName,
        final String descriptor,
        final int kind,
        final Object[] captured) throws ClassNotFoundException, NoSuchMethodException
    {
        final Class<?> owner = Class.forName(className.replace('/', '.'), false,
            Thread.currentThread().getContextClassLoader());
        final Executable executable = find(owner, methodName, descriptor);
        executable.setAccessible(true);
        return () -> invoke(executable, kind, captured);
    }

    private static void invoke(final Executable executable, final int kind, final Object[] captured)
    {
        try
        {
            switch (kind)
            {
                case MethodHandleInfo.REF_invokeStatic:
                    ((Method)executable).invoke(null, captured);
                    break;
                case MethodHandleInfo.REF_invokeVirtual:
                case MethodHandleInfo.REF_invokeInterface:
                case MethodHandleInfo.REF_invokeSpecial:
                    ((Method)executable).invoke(captured[0], Arrays.copyOfRange(captured, 1, captured.length));
                    break;
                case MethodHandleInfo.REF_newInvokeSpecial:
                    ((Constructor<?>)executable).newInstance(captured);
                    break;
                default:
                    throw new IllegalStateException("unsupported method kind " + kind + " for " + executable);
            }
        }
        catch (final InvocationTargetException ex)
        {
            LangUtil.rethrowUnchecked(ex.getCause());
        }
        catch (final IllegalAccessException | InstantiationException ex)
        {
            throw new IllegalStateException("cannot call " + executable, ex);
        }
    }

    private static Executable find(final Class<?> owner, final String name, final String descriptor)
        throws NoSuchMethodException
    {
        if ("<init>".equals(name))
        {
            for (final Constructor<?> constructor : owner.getDeclaredConstructors())
            {
                if (descriptor.equals(descriptor(constructor.getParameterTypes(), void.class)))
                {
                    return constructor;
                }
            }
        }
        else
        {
            for (final Method method : owner.getDeclaredMethods())
            {
                if (name.equals(method.getName()) &&
                    descriptor.equals(descriptor(method.getParameterTypes(), method.getReturnType())))
                {
                    return method;
                }
            }
        }
        throw new NoSuchMethodException(owner.getName() + "." + name + descriptor +
            " (is the child running the same build as the parent?)");
    }

    private static String descriptor(final Class<?>[] parameters, final Class<?> returnType)
    {
        final StringBuilder builder = new StringBuilder("(");
        for (final Class<?> parameter : parameters)
        {
            builder.append(descriptor(parameter));
        }
        return builder.append(')').append(descriptor(returnType)).toString();
    }

    private static String descriptor(final Class<?> type)
    {
        return type.isPrimitive() ? primitiveDescriptor(type) :
            type.isArray() ? type.getName().replace('.', '/') : "L" + type.getName().replace('.', '/') + ";";
    }

    private static String primitiveDescriptor(final Class<?> type)
    {
        if (void.class == type)
        {
            return "V";
        }
        if (boolean.class == type)
        {
            return "Z";
        }
        if (long.class == type)
        {
            return "J";
        }
        return String.valueOf(Character.toUpperCase(type.getName().charAt(0)));
    }
}
