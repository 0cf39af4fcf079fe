package io.multiprocessing4j.function;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that can travel to a worker process: a lambda or method reference typed as this interface is
 * serializable with what it captures. Give one to {@code ProcessPoolExecutor.supplyAsync}.
 *
 * @param <T> the result's type.
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable
{
}
