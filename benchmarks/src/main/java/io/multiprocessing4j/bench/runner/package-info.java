/**
 * The side-by-side runner: each workload against its Python twin (and raw anchors), in trials, with the report
 * in JSON, Markdown and a chart.
 */
package io.multiprocessing4j.bench.runner;
