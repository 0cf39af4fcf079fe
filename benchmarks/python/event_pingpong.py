"""event-pingpong: one process sets `ping` and waits for `pong`; the other waits for `ping`, clears it and
sets `pong`. Prints one latency trial line per trial (latency.py): the p50, p99 and p99.9 round trip over
--round-trips of them, after as many untimed ones. Standard library only.
"""
import argparse
import multiprocessing as mp
import time

from latency import trial_line


def answer(ping, pong, rounds):
    for _ in range(rounds):
        ping.wait()
        ping.clear()
        pong.set()


def trial(round_trips):
    ping, pong = mp.Event(), mp.Event()
    rounds = 2 * round_trips
    other = mp.Process(target=answer, args=(ping, pong, rounds))
    other.start()
    times = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        ping.set()
        pong.wait()
        pong.clear()
        times.append(time.perf_counter_ns() - start)
    other.join(120)
    if other.exitcode != 0:
        raise SystemExit("answering process failed: %s" % other.exitcode)
    return trial_line(times[round_trips:])


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--round-trips', type=int, default=10_000)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print(trial(args.round_trips), flush=True)
