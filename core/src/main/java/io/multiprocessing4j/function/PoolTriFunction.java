package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A three-argument function for {@code Pool.starmap}: a lambda or method reference typed as this interface
 * is serializable with what it captures.
 *
 * @param <A> the first argument's type.
 * @param <B> the second argument's type.
 * @param <C> the third argument's type.
 * @param <R> the result's type.
 */
@FunctionalInterface
public interface PoolTriFunction<A, B, C, R> extends Serializable
{
    R apply(A first, B second, C third) throws Exception;
}
