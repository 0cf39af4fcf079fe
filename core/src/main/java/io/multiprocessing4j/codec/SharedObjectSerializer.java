package io.multiprocessing4j.codec;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedBoundedSemaphore;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedReentrantLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SimpleQueue;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.value.SharedByteArray;
import io.multiprocessing4j.shm.value.SharedDouble;
import io.multiprocessing4j.shm.value.SharedDoubleArray;
import io.multiprocessing4j.shm.value.SharedInt;
import io.multiprocessing4j.shm.value.SharedIntArray;
import io.multiprocessing4j.shm.value.SharedLong;
import io.multiprocessing4j.shm.value.SharedLongArray;
import io.multiprocessing4j.shm.value.SharedObject;
import org.apache.fory.Fory;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.serializer.Serializer;
import org.apache.fory.serializer.collection.CollectionSerializers;

import java.util.List;

/**
 * Writes a shared value or array as its handle and attaches to it when read, so that it reaches another JVM
 * as the same shared memory rather than a copy. Thread-safe (stateless).
 */
final class SharedObjectSerializer<T extends SharedObject> extends Serializer<T>
{
    private static final List<Class<? extends SharedObject>> TYPES = List.of(
        SharedInt.class, SharedLong.class, SharedDouble.class,
        SharedIntArray.class, SharedLongArray.class, SharedDoubleArray.class, SharedByteArray.class,
        SharedLock.class, SharedReentrantLock.class, SharedCondition.class, SharedEvent.class, SharedSemaphore.class,
        SharedBoundedSemaphore.class, SharedBarrier.class, Connection.First.class, Connection.Second.class,
        SimpleQueue.class);
    /** Shared objects that are also collections, which Fory serializes only with a collection serializer. */
    private static final List<Class<? extends SharedObject>> COLLECTION_TYPES = List.of(SharedQueue.class, JoinableQueue.class);

    private SharedObjectSerializer(final Config config, final Class<T> type)
    {
        super(config, type);
    }

    static void register(final Fory fory)
    {
        for (final Class<? extends SharedObject> type : TYPES)
        {
            fory.registerSerializer(type, new SharedObjectSerializer<>(fory.getConfig(), type));
        }
        for (final Class<? extends SharedObject> type : COLLECTION_TYPES)
        {
            fory.registerSerializer(type, resolver -> new CollectionSerializers.JDKCompatibleCollectionSerializer<>(
                resolver, type));
        }
    }

    public void write(final WriteContext context, final T value)
    {
        context.writeString(value.transferHandle().toString());
    }

    public T read(final ReadContext context)
    {
        return type.cast(SharedObject.attach(SharedHandle.parse(context.readString()), type.getName()));
    }
}
