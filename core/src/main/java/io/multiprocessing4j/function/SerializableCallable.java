package io.multiprocessing4j.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can travel to a worker process: a lambda or method reference typed as this interface
 * is serializable with what it captures. Submit one to a {@code ProcessPoolExecutor}.
 *
 * @param <V> the result's type.
 */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable
{
}
