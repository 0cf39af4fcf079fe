package io.multiprocessing4j.internal.process;

import org.agrona.LangUtil;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
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
        return new ReflectiveCall(executable, kind, captured);
    }

    /**
     * Calls the method (a class rather than a lambda: the first lambda costs a fresh JVM milliseconds).
     */
    private static final class ReflectiveCall implements Runnable
    {
        private final Executable executable;
        private final int kind;
        private final Object[] captured;

        ReflectiveCall(final Executable executable, final int kind, final Object[] captured)
        {
            this.executable = executable;
            this.kind = kind;
            this.captured = captured;
        }

        public void run()
        {
            invoke(executable, kind, captured);
        }
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
        final MethodType type = MethodType.fromMethodDescriptorString(descriptor, owner.getClassLoader());
        if ("<init>".equals(name))
        {
            return owner.getDeclaredConstructor(type.parameterArray());
        }
        final Method method = owner.getDeclaredMethod(name, type.parameterArray());
        if (method.getReturnType() != type.returnType())
        {
            throw new NoSuchMethodException(owner.getName() + "." + name + descriptor +
                " (is the child running the same build as the parent?)");
        }
        return method;
    }
}
