"""lock-contended-2proc: two processes each acquire and release one multiprocessing.Lock N times.

Prints one 'trial <pairs/s>' line per trial: 2 x N acquire/release pairs over the time from releasing
both workers to the last release. Standard library only.
"""
import argparse
import multiprocessing as mp
import time


def worker(lock, barrier, end_times, index, n):
    barrier.wait()
    for _ in range(n):
        lock.acquire()
        lock.release()
    end_times[index] = time.monotonic_ns()


def trial(n):
    lock = mp.Lock()
    barrier = mp.Barrier(3)
    end_times = mp.Array('q', 2, lock=False)
    workers = [mp.Process(target=worker, args=(lock, barrier, end_times, i, n)) for i in range(2)]
    for w in workers:
        w.start()
    barrier.wait()
    start = time.monotonic_ns()
    for w in workers:
        w.join(120)
        if w.exitcode != 0:
            raise SystemExit("worker failed: %s" % w.exitcode)
    return 2 * n / ((max(end_times[:]) - start) / 1e9)


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--pairs', type=int, default=100_000)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print('trial %.1f' % trial(args.pairs), flush=True)
