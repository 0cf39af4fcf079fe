/**
 * Synchronization words in mapped files: a robust lock word (its holder's death releases it), counting
 * semaphores that return a dead holder's permits, and a barrier that a dead waiter breaks. Layouts in
 * {@code *Descriptor} classes; every word is safe across threads and processes.
 */
package io.multiprocessing4j.shm.sync;
