"""value-increment-2proc: two processes each increment one Value('i') N times under its lock.

Prints one 'trial <ms>' line per trial: the time from releasing both workers to the last increment.
Standard library only.
"""
import argparse
import multiprocessing as mp
import time


def worker(counter, barrier, end_times, index, n):
    barrier.wait()
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1
    end_times[index] = time.monotonic_ns()


def trial(n):
    counter = mp.Value('i', 0)
    barrier = mp.Barrier(3)
    end_times = mp.Array('q', 2, lock=False)
    workers = [mp.Process(target=worker, args=(counter, barrier, end_times, i, n)) for i in range(2)]
    for w in workers:
        w.start()
    barrier.wait()
    start = time.monotonic_ns()
    for w in workers:
        w.join(120)
        if w.exitcode != 0:
            raise SystemExit("worker failed: %s" % w.exitcode)
    if counter.value != 2 * n:
        raise SystemExit("lost increments: %d != %d" % (counter.value, 2 * n))
    return (max(end_times[:]) - start) / 1e6


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--increments', type=int, default=100_000)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print('trial %.4f' % trial(args.increments), flush=True)
