"""pool-apply-roundtrip / pool-map-trivial / pool-cpu-speedup with multiprocessing.Pool (2 workers).

--mode apply: p50, p99 and p99.9 microseconds of sequential apply_async(square, (i,)).get() after as many
            untimed (a latency trial line, latency.py).
--mode map: tasks per second of pool.map(square, range(N), chunksize) (chunksize 0 = Python's default),
            after untimed maps for at least a second and at least five (as the Java side warms its JIT),
            from the median of five timed maps, or of those run in the first second.
            Python has no primitive-array map: the Java side's pool-map-primitive compares with this.
--mode map-records: the same as map over N Point(x, y) namedtuples, each mapped to a Point.
--mode executor: the same for ProcessPoolExecutor.submit(square, i).result().
--mode cpu: speedup over serial of 64 calls of a ~10 ms CPU-bound function.
Prints one 'trial <figure>' line per trial. Standard library only.
"""
import argparse
import collections
import concurrent.futures
import multiprocessing as mp
import statistics
import time

from latency import trial_line

TIMED_MAPS = 5


Point = collections.namedtuple('Point', ['x', 'y'])


def square(x):
    return x * x


def moved(point):
    return Point(point.x + 1, point.y * 2)


def burn(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def calibrate():
    n = 10_000
    while True:
        start = time.perf_counter()
        burn(n)
        if time.perf_counter() - start >= 0.010:
            return n
        n *= 2


def trial(pool, mode, n, chunksize, work):
    if mode == 'apply':
        times = []
        for i in range(2 * n):
            start = time.perf_counter_ns()
            pool.apply_async(square, (i,)).get()
            times.append(time.perf_counter_ns() - start)
        return trial_line(times[n:])
    if mode == 'executor':
        times = []
        for i in range(2 * n):
            start = time.perf_counter_ns()
            pool.submit(square, i).result()
            times.append(time.perf_counter_ns() - start)
        return trial_line(times[n:])
    if mode in ('map', 'map-records'):
        kwargs = {} if chunksize == 0 else {'chunksize': chunksize}
        function, arguments = (square, range(n)) if mode == 'map' else \
            (moved, [Point(i, i / 2.0) for i in range(n)])
        warm_until = time.perf_counter() + 1.0
        warm = 0
        while warm < 5 or time.perf_counter() < warm_until:
            pool.map(function, arguments, **kwargs)
            warm += 1
        times = []
        while len(times) < TIMED_MAPS and sum(times) < 1.0:
            start = time.perf_counter()
            pool.map(function, arguments, **kwargs)
            times.append(time.perf_counter() - start)
        return 'trial %.3f' % (n / statistics.median(times))
    start = time.perf_counter()
    for _ in range(64):
        burn(work)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    pool.map(burn, [work] * 64, chunksize=1)
    return 'trial %.3f' % (serial / (time.perf_counter() - start))


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--mode', choices=['apply', 'map', 'map-records', 'cpu', 'executor'], default='apply')
    parser.add_argument('--n', type=int, default=2000)
    parser.add_argument('--chunksize', type=int, default=0)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    work = calibrate() if args.mode == 'cpu' else 0
    with (concurrent.futures.ProcessPoolExecutor(2) if args.mode == 'executor' else mp.Pool(2)) as pool:
        for _ in range(args.trials):
            print(trial(pool, args.mode, args.n, args.chunksize, work), flush=True)
