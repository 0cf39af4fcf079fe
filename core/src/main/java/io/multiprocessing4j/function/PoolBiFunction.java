package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A two-argument function for {@code Pool.starmap}: a lambda or method reference typed as this interface is
 * serializable with what it captures.
 *
 * @param <A> the first argument's type.
 * @param <B> the second argument's type.
 * @param <R> the result's type.
 */
@FunctionalInterface
public interface PoolBiFunction<A, B, R> extends Serializable
{
    R apply(A first, B second) throws Exception;
}
