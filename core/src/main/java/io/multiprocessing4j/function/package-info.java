/**
 * Serializable functional interfaces for what runs in another JVM: process targets, pool functions (boxed and
 * primitive), callables, manager factories and barrier actions. A lambda of one of these types is shipped by
 * reference to its implementation method plus its captured values.
 */
package io.multiprocessing4j.function;
