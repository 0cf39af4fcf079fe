package io.multiprocessing4j.internal.value;

import io.multiprocessing4j.codec.CodecException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed layout of a record class whose components are all of the kinds below: how such a record travels in the
 * value format without a codec and without reflection per value (its accessors and canonical constructor are
 * method handles resolved once). Its components, in declaration order, as a <em>row</em>:
 * <pre>
 *   boolean, byte, short, char, int, long, float, double   1, 1, 2, 2, 4, 8, 4, 8 bytes
 *   Boolean ... Double                                      a byte (0 for null), then as the primitive
 *   String, and arrays of a primitive                       int length in bytes (-1 for null), then the
 *                                                           {@link ValueFormat} payload
 *   enum                                                    int ordinal (-1 for null)
 *   record with a layout of its own                         a byte (0 for null), then its row
 * </pre>
 * The {@link #descriptor} names each component's type and name (a nested record's components in parentheses, an
 * enum's constants in braces). A sender writes it before the rows; a receiver compares it with its own class's,
 * so a record class that differs between the two JVMs is refused with both descriptors, never misread.
 * Immutable and thread-safe; one per class, computed once.
 */
public final class RecordLayout
{
    private static final int BOOLEAN = 0;
    private static final int BYTE = 1;
    private static final int SHORT = 2;
    private static final int CHAR = 3;
    private static final int INT = 4;
    private static final int LONG = 5;
    private static final int FLOAT = 6;
    private static final int DOUBLE = 7;
    private static final int BOXED = 8;
    private static final int PAYLOAD = 16;
    private static final int ENUM = 17;
    private static final int RECORD = 18;
    private static final List<Class<?>> PRIMITIVES = List.of(boolean.class, byte.class, short.class, char.class,
        int.class, long.class, float.class, double.class);
    private static final List<Class<?>> BOXES = List.of(Boolean.class, Byte.class, Short.class, Character.class,
        Integer.class, Long.class, Float.class, Double.class);
    /** The value format's tag of each primitive kind, and of its box at {@code kind - BOXED}. */
    private static final int[] TAGS = {ValueFormat.BOOLEAN, ValueFormat.BYTE, ValueFormat.SHORT, ValueFormat.CHAR,
        ValueFormat.INT, ValueFormat.LONG, ValueFormat.FLOAT, ValueFormat.DOUBLE};
    /** The classes whose layouts this thread is computing: a record that contains itself has none. */
    private static final ThreadLocal<List<Class<?>>> COMPUTING = ThreadLocal.withInitial(ArrayList::new);
    private static final RecordLayout NONE = new RecordLayout();
    private static final ClassValue<RecordLayout> LAYOUTS = new ClassValue<>()
    {
        @Override
        protected RecordLayout computeValue(final Class<?> type)
        {
            final List<Class<?>> computing = COMPUTING.get();
            if (computing.contains(type))
            {
                return NONE;
            }
            computing.add(type);
            try
            {
                return compute(type);
            }
            finally
            {
                computing.remove(type);
            }
        }
    };
    /** The record class this thread last resolved by name, and with which loader: a stream of one class's records
     * resolves it once. */
    private static final ThreadLocal<Object[]> LAST_NAMED = ThreadLocal.withInitial(() -> new Object[3]);

    final Class<?> type;
    final byte[] name;
    final byte[] descriptor;
    private final Component[] components;
    private final MethodHandle constructor;

    private RecordLayout()
    {
        type = null;
        name = null;
        descriptor = null;
        components = null;
        constructor = null;
    }

    private RecordLayout(final Class<?> type, final Component[] components, final MethodHandle constructor,
        final String descriptor)
    {
        this.type = type;
        this.name = type.getName().getBytes(StandardCharsets.UTF_8);
        this.descriptor = descriptor.getBytes(StandardCharsets.UTF_8);
        this.components = components;
        this.constructor = constructor;
    }

    /**
     * @return the layout of {@code type}, or {@code null} if it is not a record, has a component of another kind, or
     * its accessors cannot be reached from this library (a named module that does not open its package).
     */
    public static RecordLayout of(final Class<?> type)
    {
        if (!type.isRecord())
        {
            return null;
        }
        final RecordLayout layout = LAYOUTS.get(type);
        return NONE == layout ? null : layout;
    }

    /**
     * @return the layout of the record class the sender named, which must have one here.
     * @throws CodecException if the class is not here, or is not a record with a layout.
     */
    static RecordLayout named(final String className)
    {
        final ClassLoader loader = loader();
        final Object[] last = LAST_NAMED.get();
        Class<?> type = last[0] == loader && className.equals(last[1]) ? (Class<?>)last[2] : null;
        if (null == type)
        {
            try
            {
                type = Class.forName(className, false, loader);
            }
            catch (final ClassNotFoundException ex)
            {
                throw new CodecException("record class " + className + " is not on this JVM's class path", ex);
            }
            last[0] = loader;
            last[1] = className;
            last[2] = type;
        }
        final RecordLayout layout = of(type);
        if (null == layout)
        {
            throw new CodecException(className + " was sent as a plain record, but here it is not a record whose " +
                "components are all plain values (is this JVM running the same build as the sender?)");
        }
        return layout;
    }

    /**
     * @return the descriptor as a string, for messages.
     */
    public String describe()
    {
        return new String(descriptor, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code record}'s row at {@code offset}.
     *
     * @return where it ends.
     */
    int write(final Object record, final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        for (final Component component : components)
        {
            at = component.write(record, buffer, at);
        }
        return at;
    }

    /**
     * Reads a row at {@code cursor[0]}, no further than {@code end}, and moves the cursor past it.
     *
     * @throws IllegalStateException if the row is cut short (a corrupt message).
     */
    Object read(final DirectBuffer buffer, final int[] cursor, final int end)
    {
        final Object[] values = new Object[components.length];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = components[i].read(buffer, cursor, end);
        }
        try
        {
            return constructor.invokeExact(values);
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("cannot construct " + type.getName(), ex);
        }
    }

    private static RecordLayout compute(final Class<?> type)
    {
        final RecordComponent[] declared = type.getRecordComponents();
        if (0 == declared.length)
        {
            return NONE; // its rows would take no bytes, so a count of them could not be checked
        }
        final Component[] components = new Component[declared.length];
        final Class<?>[] parameterTypes = new Class<?>[declared.length];
        final StringBuilder descriptor = new StringBuilder();
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            for (int i = 0; i < declared.length; i++)
            {
                final Class<?> componentType = declared[i].getType();
                parameterTypes[i] = componentType;
                final int kind = kindOf(componentType);
                if (kind < 0)
                {
                    return NONE;
                }
                final MethodHandle accessor = lookup.unreflect(declared[i].getAccessor());
                final RecordLayout nested = RECORD == kind ? of(componentType) : null;
                components[i] = new Component(kind, componentType, nested, accessor.asType(
                    MethodType.methodType(kind < BOXED ? componentType : Object.class, Object.class)));
                descriptor.append(0 == i ? "" : ",").append(componentType.getName());
                if (null != nested)
                {
                    descriptor.append('(').append(nested.describe()).append(')');
                }
                else if (ENUM == kind)
                {
                    descriptor.append(List.of(componentType.getEnumConstants()).toString()
                        .replace('[', '{').replace(']', '}').replace(" ", ""));
                }
                descriptor.append(' ').append(declared[i].getName());
            }
            final MethodHandle constructor = lookup.findConstructor(type,
                MethodType.methodType(void.class, parameterTypes));
            return new RecordLayout(type, components, constructor.asSpreader(Object[].class, declared.length)
                .asType(MethodType.methodType(Object.class, Object[].class)), descriptor.toString());
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return NONE; // not reachable from here: the codec carries it
        }
    }

    private static int kindOf(final Class<?> type)
    {
        final int primitive = PRIMITIVES.indexOf(type);
        if (primitive >= 0)
        {
            return primitive;
        }
        final int boxed = BOXES.indexOf(type);
        if (boxed >= 0)
        {
            return BOXED + boxed;
        }
        if (String.class == type || (type.isArray() && type.getComponentType().isPrimitive()))
        {
            return PAYLOAD;
        }
        if (type.isEnum())
        {
            return ENUM;
        }
        return type.isRecord() && type != Record.class && null != of(type) ? RECORD : -1;
    }

    private static ClassLoader loader()
    {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        return null == context ? RecordLayout.class.getClassLoader() : context;
    }

    private static void need(final long bytes, final int at, final int end)
    {
        if (bytes < 0 || at + bytes > end)
        {
            throw new IllegalStateException("corrupt value: a record cut short at " + at);
        }
    }

    /**
     * One component: its kind, and its accessor as {@code (Object)T} for a primitive {@code T}, else
     * {@code (Object)Object}.
     */
    private static final class Component
    {
        private final int kind;
        private final int tag;
        private final Object[] constants;
        private final RecordLayout nested;
        private final MethodHandle accessor;

        Component(final int kind, final Class<?> type, final RecordLayout nested, final MethodHandle accessor)
        {
            this.kind = kind;
            this.tag = PAYLOAD != kind ? TAGS[kind % BOXED] : String.class == type ? ValueFormat.STRING :
                ValueFormat.tagOf(Array.newInstance(type.getComponentType(), 0));
            this.constants = ENUM == kind ? type.getEnumConstants() : null;
            this.nested = nested;
            this.accessor = accessor;
        }

        int write(final Object record, final MutableDirectBuffer buffer, final int at)
        {
            try
            {
                switch (kind)
                {
                    case BOOLEAN:
                        buffer.putByte(at, (byte)((boolean)accessor.invokeExact(record) ? 1 : 0));
                        return at + 1;
                    case BYTE: buffer.putByte(at, (byte)accessor.invokeExact(record)); return at + 1;
                    case SHORT: buffer.putShort(at, (short)accessor.invokeExact(record)); return at + 2;
                    case CHAR: buffer.putChar(at, (char)accessor.invokeExact(record)); return at + 2;
                    case INT: buffer.putInt(at, (int)accessor.invokeExact(record)); return at + 4;
                    case LONG: buffer.putLong(at, (long)accessor.invokeExact(record)); return at + 8;
                    case FLOAT: buffer.putFloat(at, (float)accessor.invokeExact(record)); return at + 4;
                    case DOUBLE: buffer.putDouble(at, (double)accessor.invokeExact(record)); return at + 8;
                    default: return writeObject((Object)accessor.invokeExact(record), buffer, at);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                throw new IllegalStateException("a record accessor threw " + ex, ex);
            }
        }

        private int writeObject(final Object value, final MutableDirectBuffer buffer, final int at)
        {
            if (kind >= BOXED && kind < PAYLOAD)
            {
                buffer.putByte(at, (byte)(null == value ? 0 : 1));
                return null == value ? at + 1 : ValueFormat.writePayload(tag, value, buffer, at + 1, null);
            }
            switch (kind)
            {
                case PAYLOAD:
                {
                    if (null == value)
                    {
                        buffer.putInt(at, -1);
                        return at + Integer.BYTES;
                    }
                    final int end = ValueFormat.writePayload(tag, value, buffer, at + Integer.BYTES, null);
                    buffer.putInt(at, end - at - Integer.BYTES);
                    return end;
                }
                case ENUM:
                    buffer.putInt(at, null == value ? -1 : ((Enum<?>)value).ordinal());
                    return at + Integer.BYTES;
                default:
                    buffer.putByte(at, (byte)(null == value ? 0 : 1));
                    return null == value ? at + 1 : nested.write(value, buffer, at + 1);
            }
        }

        /**
         * Reads a primitive of {@code kind} at {@code at}, boxed, and moves the cursor past it.
         */
        private static Object primitive(final int kind, final DirectBuffer buffer, final int[] cursor, final int at,
            final int end)
        {
            final int length = ValueFormat.fixedLength(TAGS[kind]);
            need(length, at, end);
            cursor[0] = at + length;
            switch (kind)
            {
                case BOOLEAN: return 0 != buffer.getByte(at);
                case BYTE: return buffer.getByte(at);
                case SHORT: return buffer.getShort(at);
                case CHAR: return buffer.getChar(at);
                case INT: return buffer.getInt(at);
                case LONG: return buffer.getLong(at);
                case FLOAT: return buffer.getFloat(at);
                default: return buffer.getDouble(at);
            }
        }

        Object read(final DirectBuffer buffer, final int[] cursor, final int end)
        {
            final int at = cursor[0];
            if (kind < BOXED)
            {
                return primitive(kind, buffer, cursor, at, end);
            }
            if (kind < PAYLOAD)
            {
                need(1, at, end);
                if (0 == buffer.getByte(at))
                {
                    cursor[0] = at + 1;
                    return null;
                }
                return primitive(kind - BOXED, buffer, cursor, at + 1, end);
            }
            if (RECORD == kind)
            {
                need(1, at, end);
                cursor[0] = at + 1;
                return 0 == buffer.getByte(at) ? null : nested.read(buffer, cursor, end);
            }
            need(Integer.BYTES, at, end);
            final int value = buffer.getInt(at);
            cursor[0] = at + Integer.BYTES;
            if (ENUM == kind)
            {
                if (value < -1 || value >= constants.length)
                {
                    throw new IllegalStateException("corrupt value: enum ordinal " + value);
                }
                return -1 == value ? null : constants[value];
            }
            if (-1 == value)
            {
                return null;
            }
            need(value, cursor[0], end);
            cursor[0] += value;
            return ValueFormat.readPayload(tag, buffer, at + Integer.BYTES, value, null);
        }
    }
}
