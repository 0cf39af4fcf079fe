"""pipe-pingpong: the parent sends an int through a Pipe, a child sends it back.

Prints one 'trial <us>' line per trial: the given percentile of --round-trips round trips, after as many
untimed ones. Standard library only.
"""
import argparse
import multiprocessing as mp
import time


def echo(conn, rounds):
    for _ in range(rounds):
        conn.send(conn.recv())


def trial(round_trips, percentile):
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
    timed = sorted(times[round_trips:])
    return timed[min(len(timed) - 1, len(timed) * percentile // 100)] / 1e3


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--round-trips', type=int, default=10_000)
    parser.add_argument('--percentile', type=int, default=50)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print('trial %.3f' % trial(args.round_trips, args.percentile), flush=True)
