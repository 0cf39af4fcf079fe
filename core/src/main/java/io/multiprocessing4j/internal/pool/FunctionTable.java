package io.multiprocessing4j.internal.pool;

import io.multiprocessing4j.function.PoolBiFunction;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.PoolTriFunction;
import io.multiprocessing4j.internal.process.SerializedFunctions;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FUNCTION_BYTES_OFFSET;
import static io.multiprocessing4j.internal.pool.PoolRecordDescriptor.FUNCTION_ID_OFFSET;

/**
 * A pool's functions, each encoded once as a FUNCTION record ({@link PoolRecordDescriptor}) and named by its
 * id afterwards; and the adapters that let {@code starmap} apply a two- or three-argument function to a list.
 * Thread-safe (its own monitor, held only while a function is looked up or encoded).
 */
public final class FunctionTable
{
    private final Map<Object, Integer> ids = new IdentityHashMap<>();
    private final List<byte[]> records = new ArrayList<>();
    private final Map<Object, PoolFunction<List<Object>, Object>> unpackers = new IdentityHashMap<>();

    /**
     * @return the id of {@code function}, encoding it the first time it is seen.
     * @throws io.multiprocessing4j.codec.CodecException if it cannot be encoded.
     */
    public synchronized int idOf(final Object function)
    {
        final Integer known = ids.get(function);
        if (null != known)
        {
            return known;
        }
        final Class<?> origin = function instanceof Unpacker ? ((Unpacker)function).function.getClass() :
            function.getClass();
        final byte[] encoded = SerializedFunctions.encode((Serializable)function, origin);
        final int id = records.size();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[FUNCTION_BYTES_OFFSET + encoded.length]);
        record.putInt(FUNCTION_ID_OFFSET, id);
        record.putBytes(FUNCTION_BYTES_OFFSET, encoded);
        records.add(record.byteArray());
        ids.put(function, id);
        return id;
    }

    /**
     * @return the FUNCTION record of a function {@link #idOf} has numbered.
     */
    public synchronized byte[] record(final int id)
    {
        return records.get(id);
    }

    /**
     * @param function a {@link PoolBiFunction} or {@link PoolTriFunction}.
     * @return a function of the list of its arguments, the same one each time for the same function.
     */
    @SuppressWarnings("unchecked")
    public synchronized <R> PoolFunction<List<Object>, R> unpacker(final Serializable function)
    {
        return (PoolFunction<List<Object>, R>)(PoolFunction<?, ?>)unpackers.computeIfAbsent(function, Unpacker::new);
    }

    /**
     * A two- or three-argument function applied to a list of its arguments.
     */
    static final class Unpacker implements PoolFunction<List<Object>, Object>
    {
        private static final long serialVersionUID = 1L;

        final Serializable function;

        Unpacker(final Object function)
        {
            this.function = (Serializable)function;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object apply(final List<Object> arguments) throws Exception
        {
            if (function instanceof PoolBiFunction)
            {
                return ((PoolBiFunction<Object, Object, Object>)function).apply(arguments.get(0), arguments.get(1));
            }
            return ((PoolTriFunction<Object, Object, Object, Object>)function).apply(
                arguments.get(0), arguments.get(1), arguments.get(2));
        }
    }
}
