package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.internal.value.ValueFormat;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A serializable no-argument lambda or method reference ({@code Callable}, {@code Supplier}, {@code Runnable})
 * split into what is the same for every task of its class, this function, sent to a worker once and named by id
 * afterwards, and what differs, its captured values, sent with each task in the one value format. In the worker it
 * calls the lambda's method reflectively with the captured values (or, in a named module that does not open that
 * method to this library, rebuilds the lambda as {@code java.io} does). One instance per lambda class, so a pool's
 * function table numbers it once. Immutable and thread-safe.
 */
public final class LambdaCall implements PoolFunction<List<Object>, Object>
{
    private static final long serialVersionUID = 1L;
    private static final LambdaCall NONE = new LambdaCall(null, false);
    /** Each lambda class's call, once its first task has named it ({@link #NONE} for a class that is not one). */
    private static final ClassValue<AtomicReference<LambdaCall>> CALLS = new ClassValue<>()
    {
        @Override
        protected AtomicReference<LambdaCall> computeValue(final Class<?> type)
        {
            return new AtomicReference<>();
        }
    };
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>()
    {
        @Override
        protected Method computeValue(final Class<?> type)
        {
            try
            {
                final Method method = type.getDeclaredMethod("writeReplace");
                method.setAccessible(true);
                return method;
            }
            catch (final ReflectiveOperationException | RuntimeException ex)
            {
                return null; // a named module that does not open it: java.io's own path reaches it
            }
        }
    };

    private final TargetReference.Name name;
    /** Whether a failure is returned as a {@link Failed} value rather than thrown (for a map of many tasks). */
    private final boolean catching;
    private final transient LambdaCall sibling;
    private transient volatile Executable executable;
    private transient volatile boolean rebuild;

    private LambdaCall(final TargetReference.Name name, final boolean catching)
    {
        this.name = name;
        this.catching = catching;
        this.sibling = null == name || catching ? null : new LambdaCall(name, true);
    }

    /**
     * @return the call of {@code task}'s class, or {@code null} if it is not a serializable no-argument lambda or
     * method reference.
     */
    public static LambdaCall of(final Object task)
    {
        final Class<?> type = task.getClass();
        if (!type.isSynthetic() || !(task instanceof Serializable))
        {
            return null;
        }
        final AtomicReference<LambdaCall> known = CALLS.get(type);
        LambdaCall call = known.get();
        if (null == call)
        {
            final SerializedLambda lambda = serialized(task);
            call = null != lambda && lambda.getInstantiatedMethodType().startsWith("()") ?
                new LambdaCall(TargetReference.Name.of(lambda), false) : NONE;
            if (!known.compareAndSet(null, call))
            {
                call = known.get();
            }
        }
        return NONE == call ? null : call;
    }

    /**
     * @return the same call, returning what a task throws as a {@link Failed} value instead of throwing it.
     */
    public LambdaCall catching()
    {
        return catching ? this : sibling;
    }

    /**
     * @return {@code task}'s captured values if every one travels in the value format; else {@code null} (the task
     * then goes whole by the codec, which allows its own package, as before).
     */
    public List<Object> plainCaptured(final Object task)
    {
        final SerializedLambda lambda = serialized(task);
        final Object[] captured = new Object[lambda.getCapturedArgCount()];
        for (int i = 0; i < captured.length; i++)
        {
            captured[i] = lambda.getCapturedArg(i);
        }
        final List<Object> values = Arrays.asList(captured);
        return ValueFormat.allPlain(values) ? values : null;
    }

    @Override
    public Object apply(final List<Object> captured) throws Exception
    {
        try
        {
            return call(captured.toArray());
        }
        catch (final Exception | Error ex)
        {
            if (catching)
            {
                return new Failed(ex);
            }
            throw ex;
        }
    }

    private Object call(final Object[] captured) throws Exception
    {
        Executable method = executable;
        if (null == method && !rebuild)
        {
            method = TargetReference.accessible(name);
            executable = method;
            rebuild = null == method;
        }
        if (null != method)
        {
            return TargetReference.call(method, name.implKind(), captured);
        }
        final Object task = TargetReference.deserialize(name, captured);
        if (task instanceof Callable)
        {
            return ((Callable<?>)task).call();
        }
        if (task instanceof Supplier)
        {
            return ((Supplier<?>)task).get();
        }
        ((Runnable)task).run();
        return null;
    }

    private static SerializedLambda serialized(final Object task)
    {
        final Method writeReplace = WRITE_REPLACE.get(task.getClass());
        if (null == writeReplace)
        {
            return TargetReference.capture(task);
        }
        try
        {
            final Object replaced = writeReplace.invoke(task);
            return replaced instanceof SerializedLambda ? (SerializedLambda)replaced : null;
        }
        catch (final ReflectiveOperationException ex)
        {
            return TargetReference.capture(task);
        }
    }

    /**
     * What a catching call returns for a task that threw.
     */
    public static final class Failed implements Serializable
    {
        private static final long serialVersionUID = 1L;
        public final Throwable cause;

        Failed(final Throwable cause)
        {
            this.cause = cause;
        }
    }
}
