package io.multiprocessing4j.shm.value;

import io.multiprocessing4j.shm.ShmContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Values and arrays reach their memory by raw address, without a buffer's bounds check, so every public
 * accessor (found by reflection, so a new one cannot slip past) must refuse a closed object and every
 * element accessor an index outside the array, before touching memory.
 */
class SharedValueAccessGuardsTest
{
    private static final int LENGTH = 4;
    private static final int[] BAD_INDEXES = { -1, LENGTH, Integer.MIN_VALUE, Integer.MAX_VALUE };
    private static final Map<Class<?>, Supplier<Object>> ARGUMENTS = Map.ofEntries(
        Map.entry(int.class, () -> 1),
        Map.entry(long.class, () -> 1L),
        Map.entry(double.class, () -> 1.0),
        Map.entry(byte.class, () -> (byte)1),
        Map.entry(int[].class, () -> new int[LENGTH]),
        Map.entry(long[].class, () -> new long[LENGTH]),
        Map.entry(double[].class, () -> new double[LENGTH]),
        Map.entry(byte[].class, () -> new byte[LENGTH]),
        Map.entry(IntUnaryOperator.class, () -> (IntUnaryOperator)v -> v + 1),
        Map.entry(IntBinaryOperator.class, () -> (IntBinaryOperator)Integer::sum),
        Map.entry(LongUnaryOperator.class, () -> (LongUnaryOperator)v -> v + 1),
        Map.entry(LongBinaryOperator.class, () -> (LongBinaryOperator)Long::sum),
        Map.entry(DoubleUnaryOperator.class, () -> (DoubleUnaryOperator)v -> v + 1),
        Map.entry(DoubleBinaryOperator.class, () -> (DoubleBinaryOperator)Double::sum));

    private ShmContext context;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
    }

    @AfterEach
    void tearDown()
    {
        context.close();
    }

    @Test
    void everyAccessorOfAClosedObjectThrowsIllegalState() throws Exception
    {
        for (final SharedObject object : allTypes())
        {
            object.close();
            for (final Method method : accessors(object))
            {
                final Throwable thrown = invoke(object, method, 0);
                assertInstanceOf(IllegalStateException.class, thrown, method.toString());
                assertTrue(thrown.getMessage().contains("closed"), method + ": " + thrown.getMessage());
            }
        }
    }

    @Test
    void everyElementAccessorRejectsAnIndexOutsideTheArray() throws Exception
    {
        for (final SharedObject object : allTypes())
        {
            try (object)
            {
                for (final Method method : accessors(object))
                {
                    if (!takesAnElementIndex(method))
                    {
                        continue;
                    }
                    for (final int index : BAD_INDEXES)
                    {
                        final Throwable thrown = invoke(object, method, index);
                        assertInstanceOf(IndexOutOfBoundsException.class, thrown, method + " at " + index);
                    }
                    assertNull(invoke(object, method, LENGTH - 1), method + " at the last index");
                }
            }
        }
    }

    private List<SharedObject> allTypes()
    {
        return List.of(SharedInt.create(context, 1), SharedLong.create(context, 1), SharedDouble.create(context, 1),
            SharedIntArray.create(context, LENGTH), SharedLongArray.create(context, LENGTH),
            SharedDoubleArray.create(context, LENGTH), SharedByteArray.create(context, LENGTH));
    }

    private static List<Method> accessors(final SharedObject object)
    {
        final List<Method> methods = new ArrayList<>();
        for (final Method method : object.getClass().getDeclaredMethods())
        {
            final int modifiers = method.getModifiers();
            if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isSynthetic() &&
                !method.getName().equals("toString") && !method.getName().equals("length"))
            {
                methods.add(method);
            }
        }
        assertFalse(methods.isEmpty(), object.getClass().getName());
        return methods;
    }

    private static boolean takesAnElementIndex(final Method method)
    {
        return method.getParameterCount() > 0 && method.getParameterTypes()[0] == int.class &&
            method.getDeclaringClass().getSimpleName().endsWith("Array") &&
            !method.getName().equals("copyTo") && !method.getName().equals("fill");
    }

    /**
     * @return what the call threw, or null if it returned; an int first parameter is {@code index}.
     */
    private static Throwable invoke(final SharedObject object, final Method method, final int index)
        throws IllegalAccessException
    {
        final Class<?>[] types = method.getParameterTypes();
        final Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++)
        {
            args[i] = 0 == i && int.class == types[i] ? Integer.valueOf(index) : ARGUMENTS.get(types[i]).get();
        }
        try
        {
            method.invoke(object, args);
            return null;
        }
        catch (final InvocationTargetException ex)
        {
            return ex.getCause();
        }
    }
}
