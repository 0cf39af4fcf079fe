/**
 * Platform details of the shared-memory layer: POSIX file modes, a process's identity (pid and start time) and
 * JVM command line. Not API; may change without notice.
 */
package io.multiprocessing4j.shm.internal;
