package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A {@link Runnable} that can travel to a worker process: a lambda or method reference typed as this interface is
 * serializable with what it captures. Give one to {@code ProcessPoolExecutor.runAsync} or {@code execute}.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable
{
}
