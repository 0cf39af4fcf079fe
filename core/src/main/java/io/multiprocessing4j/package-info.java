/**
 * Python's {@code multiprocessing} for Java: {@code JvmProcess} (a child JVM, Python's {@code Process}),
 * {@code Pool} and {@code ProcessPoolExecutor}, {@code SharedQueue}/{@code JoinableQueue}/{@code SimpleQueue},
 * {@code Pipe}/{@code Connection}, locks, semaphores, events, conditions and barriers that work across JVMs, and
 * {@code Multiprocessing}'s helpers. Every public type is thread-safe unless its javadoc says otherwise, and
 * states what it shares with other processes.
 */
package io.multiprocessing4j;
