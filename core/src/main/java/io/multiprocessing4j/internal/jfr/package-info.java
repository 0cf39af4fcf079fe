/**
 * The library's JFR events: process start and exit, pool maps, pool worker replacements, a lock owner's death.
 * Not API.
 */
package io.multiprocessing4j.internal.jfr;
