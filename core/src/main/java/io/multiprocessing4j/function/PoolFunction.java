package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * What a {@code Pool} applies to each argument: a lambda or method reference typed as this interface is
 * serializable with what it captures. It is encoded once per pool and read once by each worker that runs it.
 *
 * @param <T> the argument's type.
 * @param <R> the result's type.
 */
@FunctionalInterface
public interface PoolFunction<T, R> extends Serializable
{
    R apply(T argument) throws Exception;
}
