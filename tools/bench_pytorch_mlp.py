#!/usr/bin/env python3
"""PyTorch peer of `dotnet run -c Release --project bench/SpiDnn.Bench -- host-mlp`.

The benchmark starts this script itself (with /usr/bin/python3, Debian's python3-torch); to run
it by hand:

    /usr/bin/python3 tools/bench_pytorch_mlp.py --data FILE [--batch-size 32] [--lr 0.1] [--repeats 5]

FILE (written by the C# benchmark) holds, little-endian: int32 n, d, k, hidden; then float32
x [n, d], y [n, k] (one-hot), and the initial weights in Keras layout: w1 [d, hidden],
b1 [hidden], w2 [hidden, k], b2 [k]. The script trains the same MLP (d -> hidden relu -> k
softmax, categorical cross-entropy on the logits, plain SGD, no shuffle) for one epoch,
`repeats` times from the same initial weights, with torch.set_num_threads(2), and prints one
JSON line: the best and median epoch time, samples per second for the best, and the mean
training loss of the epoch (to check that both sides computed the same thing).
"""
import argparse
import json
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    raw = np.fromfile(args.data, dtype="<i4", count=4)
    n, d, k, hidden = (int(v) for v in raw)
    floats = np.fromfile(args.data, dtype="<f4", offset=16)
    parts, offset = [], 0
    for size in (n * d, n * k, d * hidden, hidden, hidden * k, k):
        parts.append(floats[offset:offset + size])
        offset += size
    x = torch.from_numpy(parts[0].reshape(n, d).copy())
    labels = torch.from_numpy(parts[1].reshape(n, k).argmax(axis=1))
    w1, b1 = parts[2].reshape(d, hidden), parts[3]
    w2, b2 = parts[4].reshape(hidden, k), parts[5]

    def epoch():
        model = torch.nn.Sequential(torch.nn.Linear(d, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, k))
        with torch.no_grad():
            model[0].weight.copy_(torch.from_numpy(w1.T.copy()))
            model[0].bias.copy_(torch.from_numpy(b1.copy()))
            model[2].weight.copy_(torch.from_numpy(w2.T.copy()))
            model[2].bias.copy_(torch.from_numpy(b2.copy()))
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
        total = 0.0
        start = time.perf_counter()
        for first in range(0, n, args.batch_size):
            xb = x[first:first + args.batch_size]
            yb = labels[first:first + args.batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * xb.shape[0]
        return time.perf_counter() - start, total / n

    epoch()  # warm-up: first-call allocations and thread-pool start
    runs = [epoch() for _ in range(args.repeats)]
    times = [t for t, _ in runs]
    print(json.dumps({
        "best_seconds": min(times),
        "median_seconds": statistics.median(times),
        "samples_per_second": n / min(times),
        "epoch_loss": runs[0][1],
        "threads": torch.get_num_threads(),
        "torch_version": torch.__version__,
    }))


if __name__ == "__main__":
    main()
