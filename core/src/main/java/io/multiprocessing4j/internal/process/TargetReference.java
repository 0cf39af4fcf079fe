package io.multiprocessing4j.internal.process;

import org.agrona.LangUtil;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A serializable lambda or method reference shipped by reference, as Python pickles a function: the class,
 * name and descriptor of the method it calls, plus its captured values. The child calls the method
 * reflectively, which skips the lambda bootstrap that deserializing a lambda costs a fresh JVM (tens of
 * milliseconds). Where it may not (the method is in a named module that does not open its package to this library),
 * the child deserializes the lambda as {@code java.io} does, which a module need not open anything for.
 * Both ends reach the lambda only through {@code java.io} serialization, never by reflection on its class. Stateless.
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
        final SerializedLambda lambda = capture(target);
        return null != lambda && "()V".equals(lambda.getInstantiatedMethodType()) ? lambda : null;
    }

    /**
     * @return the serialized form of a serializable lambda or method reference, or {@code null} for anything else.
     */
    static SerializedLambda capture(final Object target)
    {
        if (!(target instanceof Serializable))
        {
            return null;
        }
        try (LambdaCapture capture = new LambdaCapture())
        {
            capture.writeObject(target);
            return capture.lambda;
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return a {@link Runnable} or {@link io.multiprocessing4j.function.ProcessTarget} that calls the named method
     * with {@code captured}.
     * @throws ClassNotFoundException if the class is not on this JVM's class path.
     * @throws NoSuchMethodException  if the class has no such method (a different build).
     */
    static Object resolve(final Name name, final Object[] captured) throws ReflectiveOperationException
    {
        final Executable executable = accessible(name);
        return null == executable ? deserialize(name, captured) :
            new ReflectiveCall(executable, name.implKind, captured);
    }

    /**
     * @return the lambda's method, made accessible; {@code null} if its module does not open it to this library.
     */
    static Executable accessible(final Name name) throws ReflectiveOperationException
    {
        final ClassLoader loader = Thread.currentThread().getContextClassLoader();
        final Class<?> owner = Class.forName(name.implClass.replace('/', '.'), false, loader);
        final Executable executable = find(owner, name.implMethod, name.implSignature);
        try
        {
            executable.setAccessible(true);
            return executable;
        }
        catch (final InaccessibleObjectException ex)
        {
            return null;
        }
    }

    /**
     * What names a lambda's method, as its {@link SerializedLambda} does, less the captured values.
     */
    record Name(String capturingClass, String interfaceClass, String interfaceMethod, String interfaceSignature,
        int implKind, String implClass, String implMethod, String implSignature, String instantiatedType)
        implements Serializable
    {
        static Name of(final SerializedLambda lambda)
        {
            return new Name(lambda.getCapturingClass(), lambda.getFunctionalInterfaceClass(),
                lambda.getFunctionalInterfaceMethodName(), lambda.getFunctionalInterfaceMethodSignature(),
                lambda.getImplMethodKind(), lambda.getImplClass(), lambda.getImplMethodName(),
                lambda.getImplMethodSignature(), lambda.getInstantiatedMethodType());
        }

        void write(final DataOutput out) throws IOException
        {
            out.writeUTF(capturingClass);
            out.writeUTF(interfaceClass);
            out.writeUTF(interfaceMethod);
            out.writeUTF(interfaceSignature);
            out.writeInt(implKind);
            out.writeUTF(implClass);
            out.writeUTF(implMethod);
            out.writeUTF(implSignature);
            out.writeUTF(instantiatedType);
        }

        static Name read(final DataInput in) throws IOException
        {
            return new Name(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readUTF(),
                in.readUTF(), in.readUTF(), in.readUTF());
        }
    }

    /**
     * The lambda as {@code java.io} rebuilds it: its capturing class's {@code $deserializeLambda$}, called by the
     * JDK itself, so the class's module need not open anything. The captured values are already decoded; they
     * stand in the stream as their index, never as bytes.
     */
    static Object deserialize(final Name name, final Object[] captured) throws ReflectiveOperationException
    {
        final SerializedLambda lambda = new SerializedLambda(Class.forName(name.capturingClass.replace('/', '.'),
            false, Thread.currentThread().getContextClassLoader()), name.interfaceClass, name.interfaceMethod,
            name.interfaceSignature, name.implKind, name.implClass, name.implMethod, name.implSignature,
            name.instantiatedType, captured);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new CapturedOut(bytes, captured))
        {
            out.writeObject(lambda);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot rebuild the lambda " + name.implMethod + " of " +
                name.capturingClass, ex);
        }
        try (ObjectInputStream in = new CapturedIn(new ByteArrayInputStream(bytes.toByteArray()), captured))
        {
            return in.readObject();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot rebuild the lambda " + name.implMethod + " of " +
                name.capturingClass, ex);
        }
    }

    /**
     * Writes nothing; keeps the {@link SerializedLambda} a lambda's {@code writeReplace} gives (the JDK calls it, so
     * it needs no access to the lambda's class).
     */
    private static final class LambdaCapture extends ObjectOutputStream
    {
        private SerializedLambda lambda;

        LambdaCapture() throws IOException
        {
            super(OutputStream.nullOutputStream());
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(final Object object)
        {
            if (object instanceof SerializedLambda && null == lambda)
            {
                lambda = (SerializedLambda)object;
            }
            return null;
        }
    }

    /**
     * A captured value's place in the stream.
     */
    private record Slot(int index) implements Serializable
    {
    }

    private static final class CapturedOut extends ObjectOutputStream
    {
        private final Object[] captured;

        CapturedOut(final OutputStream out, final Object[] captured) throws IOException
        {
            super(out);
            this.captured = captured;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(final Object object)
        {
            for (int i = 0; i < captured.length; i++)
            {
                if (captured[i] == object)
                {
                    return new Slot(i);
                }
            }
            return object;
        }
    }

    private static final class CapturedIn extends ObjectInputStream
    {
        private final Object[] captured;

        CapturedIn(final InputStream in, final Object[] captured) throws IOException
        {
            super(in);
            this.captured = captured;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(final Object object)
        {
            return object instanceof Slot ? captured[((Slot)object).index] : object;
        }
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
            call(executable, kind, captured);
        }
    }

    /**
     * Calls the method with the captured values (the first is the receiver of an instance method); what it throws
     * is thrown as it is.
     *
     * @return what it returned ({@code null} for {@code void}), or the object a constructor made.
     */
    static Object call(final Executable executable, final int kind, final Object[] captured)
    {
        try
        {
            switch (kind)
            {
                case MethodHandleInfo.REF_invokeStatic:
                    return ((Method)executable).invoke(null, captured);
                case MethodHandleInfo.REF_invokeVirtual:
                case MethodHandleInfo.REF_invokeInterface:
                case MethodHandleInfo.REF_invokeSpecial:
                    return ((Method)executable).invoke(captured[0], Arrays.copyOfRange(captured, 1, captured.length));
                case MethodHandleInfo.REF_newInvokeSpecial:
                    return ((Constructor<?>)executable).newInstance(captured);
                default:
                    throw new IllegalStateException("unsupported method kind " + kind + " for " + executable);
            }
        }
        catch (final InvocationTargetException ex)
        {
            LangUtil.rethrowUnchecked(ex.getCause());
            return null;
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
