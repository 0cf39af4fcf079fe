/**
 * Shared values and arrays (Python's {@code Value} and {@code Array}): ints, longs, doubles and their arrays in
 * mapped files, atomic across threads and processes, every index checked and every access after close refused;
 * {@code SharedObject} is their base, serializable as a handle that a child JVM attaches.
 */
package io.multiprocessing4j.shm.value;
