/**
 * How a child JVM is launched and run: its command line and JVM settings, the launcher and warm JVMs, the
 * child's main, its control records and stderr, and how a target and its captured values are shipped. Not API.
 */
package io.multiprocessing4j.internal.process;
