"""pipe-pingpong: the parent sends an int through a Pipe, a child sends it back.

Prints one latency trial line per trial (latency.py): the p50, p99 and p99.9 of --round-trips round trips,
after as many untimed ones. Standard library only.
"""
import argparse
import multiprocessing as mp
import time

from latency import trial_line


def echo(conn, rounds):
    for _ in range(rounds):
        conn.send(conn.recv())


def trial(round_trips):
    parent, child = mp.Pipe()
    other = mp.Process(target=echo, args=(child, 2 * round_trips))
    other.start()
    times = []
    for i in range(2 * round_trips):
        start = time.perf_counter_ns()
        parent.send(i)
        parent.recv()
        times.append(time.perf_counter_ns() - start)
    other.join(120)
    if other.exitcode != 0:
        raise SystemExit("echoing process failed: %s" % other.exitcode)
    return trial_line(times[round_trips:])


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--round-trips', type=int, default=10_000)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print(trial(args.round_trips), flush=True)
