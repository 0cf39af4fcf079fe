"""pool-first-result: milliseconds from creating a Pool(4) to the result of its first map of 4 items.

Prints one 'trial <ms>' line per trial: the median of --runs fresh pools (each closed and joined, untimed).
--method is the start method (Python's default on this platform if left out). Standard library only.
"""
import argparse
import multiprocessing as mp
import statistics
import time


def square(x):
    return x * x


def trial(context, runs):
    millis = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        pool = context.Pool(4)
        result = pool.map(square, range(4))
        millis.append((time.perf_counter_ns() - start) / 1e6)
        if result != [0, 1, 4, 9]:
            raise SystemExit("wrong result: %s" % result)
        pool.close()
        pool.join()
    return statistics.median(millis)


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--method', default=None)
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    context = mp.get_context(args.method)
    for _ in range(args.trials):
        print('trial %.3f' % trial(context, args.runs), flush=True)
