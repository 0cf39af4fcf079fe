"""event-pingpong: one process sets `ping` and waits for `pong`; the other waits for `ping`, clears it and
sets `pong`. Prints one 'trial <us>' line per trial: the median round trip over --round-trips of them,
after as many untimed ones. Standard library only.
"""
import argparse
import multiprocessing as mp
import statistics
import time


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
    return statistics.median(times[round_trips:]) / 1e3


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--round-trips', type=int, default=10_000)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print("trial %.4f" % trial(args.round_trips), flush=True)
