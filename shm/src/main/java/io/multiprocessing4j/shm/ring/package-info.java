/**
 * Message rings in mapped files: SPSC (Agrona's layout), MPSC and MPMC, with their layouts in {@code *Descriptor}
 * classes, blocking waits ({@code RingWait}) and recovery from a producer or consumer killed mid-message. Each
 * ring says which of its ends may be used by several threads or processes at once.
 */
package io.multiprocessing4j.shm.ring;
