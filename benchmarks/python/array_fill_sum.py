"""array-fill-sum: a child process fills Array('d', n, lock=False) element by element; the parent sums it.

Prints one 'trial <ms>' line per trial: the child's fill time plus the parent's sum time.
Standard library only.
"""
import argparse
import multiprocessing as mp
import time


def fill(arr, fill_ns, n):
    start = time.monotonic_ns()
    for i in range(n):
        arr[i] = i * 0.5
    fill_ns.value = time.monotonic_ns() - start


def trial(n):
    arr = mp.Array('d', n, lock=False)
    fill_ns = mp.Value('q', 0, lock=False)
    child = mp.Process(target=fill, args=(arr, fill_ns, n))
    child.start()
    child.join(120)
    if child.exitcode != 0:
        raise SystemExit("child failed: %s" % child.exitcode)
    start = time.monotonic_ns()
    total = sum(arr)
    sum_ns = time.monotonic_ns() - start
    expected = 0.5 * (n * (n - 1) / 2)
    if total != expected:
        raise SystemExit("wrong sum: %r != %r" % (total, expected))
    return (fill_ns.value + sum_ns) / 1e6


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--length', type=int, default=1_000_000)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print('trial %.4f' % trial(args.length), flush=True)
