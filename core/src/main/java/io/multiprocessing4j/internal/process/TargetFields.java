package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.internal.value.PlainValues;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A process target shipped whole (a {@code JvmProcess} subclass, seed 003's {@code CalculateE}) as its class
 * name and the {@link PlainValues} of its serializable fields, so that a fresh child JVM rebuilds it in
 * microseconds instead of setting up a general-purpose codec first (about 0.3 s). The object is rebuilt as
 * {@code java.io} deserialization rebuilds a {@code Serializable} one: no constructor of its serializable
 * classes runs and transient fields keep their defaults. Any field whose value is not a plain value, or that
 * cannot be made accessible, makes {@link #encode} decline, and the codec is used instead. Stateless.
 */
final class TargetFields
{
    private TargetFields()
    {
    }

    /**
     * @return the encoding, or {@code null} if some field needs the codec.
     */
    static byte[] encode(final Object target)
    {
        final List<Field> fields = fields(target.getClass());
        if (null == fields)
        {
            return null;
        }
        final Object[] values = new Object[fields.size() * 3];
        try
        {
            for (int i = 0; i < fields.size(); i++)
            {
                final Field field = fields.get(i);
                values[i * 3] = field.getDeclaringClass().getName();
                values[i * 3 + 1] = field.getName();
                values[i * 3 + 2] = field.get(target);
            }
        }
        catch (final IllegalAccessException ex)
        {
            return null;
        }
        return PlainValues.encode(values);
    }

    /**
     * @param className the target's class, loaded with this thread's context class loader.
     */
    static Object decode(final String className, final byte[] bytes) throws IOException, ReflectiveOperationException
    {
        final Class<?> type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        final Object[] values = PlainValues.decode(bytes);
        if (0 != values.length % 3)
        {
            throw new IOException("corrupt target fields: " + values.length + " values");
        }
        final Object target = serializationConstructor(type).newInstance();
        for (int i = 0; i < values.length; i += 3)
        {
            final Field field = field(type, (String)values[i], (String)values[i + 1]);
            field.setAccessible(true);
            field.set(target, values[i + 2]);
        }
        return target;
    }

    /**
     * @return the serializable instance fields of {@code type} and its superclasses, made accessible, or
     * {@code null} if one cannot be.
     */
    private static List<Field> fields(final Class<?> type)
    {
        final List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; null != c && java.io.Serializable.class.isAssignableFrom(c); c = c.getSuperclass())
        {
            for (final Field field : c.getDeclaredFields())
            {
                final int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers))
                {
                    if (!field.trySetAccessible())
                    {
                        return null;
                    }
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static Field field(final Class<?> type, final String declaringClass, final String name)
        throws NoSuchFieldException
    {
        for (Class<?> c = type; null != c; c = c.getSuperclass())
        {
            if (c.getName().equals(declaringClass))
            {
                final Field field = c.getDeclaredField(name);
                if (Modifier.isStatic(field.getModifiers()))
                {
                    throw new NoSuchFieldException("static " + declaringClass + "." + name);
                }
                return field;
            }
        }
        throw new NoSuchFieldException(declaringClass + "." + name + " in " + type.getName());
    }

    /**
     * @return what {@code java.io} deserialization calls: the no-argument constructor of the first
     * non-serializable superclass, creating an instance of {@code type}.
     */
    private static Constructor<?> serializationConstructor(final Class<?> type) throws NoSuchMethodException
    {
        Class<?> first = type;
        while (java.io.Serializable.class.isAssignableFrom(first))
        {
            first = first.getSuperclass();
        }
        final Constructor<?> constructor = sun.reflect.ReflectionFactory.getReflectionFactory()
            .newConstructorForSerialization(type, first.getDeclaredConstructor());
        constructor.setAccessible(true);
        return constructor;
    }
}
