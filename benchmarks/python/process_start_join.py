"""process-start-join-<method>: milliseconds per Process.start() + join() of a trivial target, sequentially.

Prints one 'trial <ms>' line per trial: the median of --starts start+join pairs.
--method is a start method (spawn, fork, forkserver) or 'thread' for multiprocessing.dummy.
Standard library only.
"""
import argparse
import multiprocessing as mp
import multiprocessing.dummy as dummy
import statistics
import time


def trivial():
    pass


def trial(process_class, starts):
    millis = []
    for _ in range(starts):
        start = time.perf_counter_ns()
        p = process_class(target=trivial)
        p.start()
        p.join(120)
        if getattr(p, 'exitcode', 0) not in (0, None):
            raise SystemExit("process failed: %s" % p.exitcode)
        millis.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(millis)


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--method', default='fork')
    parser.add_argument('--trials', type=int, default=3)
    parser.add_argument('--starts', type=int, default=10)
    args = parser.parse_args()
    if args.method == 'thread':
        process_class = dummy.Process
    else:
        context = mp.get_context(args.method)
        if args.method == 'forkserver':
            warm_up = context.Process(target=trivial)  # starts the server before timing, as our WARM pool is
            warm_up.start()
            warm_up.join()
        process_class = context.Process
    for _ in range(args.trials):
        print("trial %.4f" % trial(process_class, args.starts), flush=True)
