/**
 * The shared-memory layer: a private context directory per program under {@code /dev/shm}, memory-mapped region
 * files with validated headers ({@code RegionHeaderDescriptor}), each process's liveness as a kernel file lock,
 * the process table, the error log, idle policies, and the sweep that removes what dead programs left. Every
 * type states its own thread- and process-safety; a mapped file is shared by every process that attaches it.
 */
package io.multiprocessing4j.shm;
