"""The trial line of a latency workload: 'trial <p50> percentiles <p50> <p99> <p99.9>', in microseconds.

Percentiles are exact (nearest rank over the sorted round trips); the Java side uses HdrHistogram with three
significant digits, which agrees within 0.1%. Standard library only.
"""


def trial_line(times_ns):
    timed = sorted(times_ns)

    def at(fraction):
        return timed[min(len(timed) - 1, int(len(timed) * fraction))] / 1e3

    p50 = at(0.50)
    return 'trial %.4f percentiles %.4f %.4f %.4f' % (p50, p50, at(0.99), at(0.999))
