/**
 * Python's {@code multiprocessing.managers}: a {@code Manager} server process holding lists, dicts, namespaces,
 * values, queues and synchronization objects that other processes use through proxies, locally or over TCP with
 * an HMAC-authenticated handshake. Proxies are thread-safe.
 */
package io.multiprocessing4j.manager;
