#!/usr/bin/env python3
"""A weights file in the exact layout Keras 2 writes, for SpiDnn's loading test.

Run from the repository root with Debian's h5py (apt-get install python3-h5py):

    /usr/bin/python3 tools/make_keras_h5_fixture.py

It writes tests/SpiDnn.Tests/Fixtures/keras2_conv_flatten_dense.h5 for the model
Input(8, 2) -> Conv1D(3, 3, padding same, relu) -> Flatten -> Dense(2, softmax), following
the steps of Keras 2's `save_weights_to_hdf5_group` (keras/saving/hdf5_format.py): root
attributes `layer_names`, `backend`, `keras_version` as byte strings, one group per layer
with a `weight_names` attribute (an empty list for Flatten, which h5py stores as an empty
float array), and one dataset per weight at `<layer>/<layer>/<weight>:0`, float32 in Keras
layout. The values follow simple formulas that the C# test recomputes:
  conv1d/kernel:0[k, c, f] = 0.01 * (flat index) - 0.05, conv1d/bias:0[f] = -0.1 * f,
  dense/kernel:0[i, j] = 0.001 * (flat index) - 0.02, dense/bias:0 = [0.5, -0.5].
"""
import os

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "SpiDnn.Tests", "Fixtures",
                   "keras2_conv_flatten_dense.h5")


def main():
    conv_kernel = (0.01 * np.arange(3 * 2 * 3) - 0.05).reshape(3, 2, 3).astype(np.float32)
    conv_bias = (-0.1 * np.arange(3)).astype(np.float32)
    dense_kernel = (0.001 * np.arange(24 * 2) - 0.02).reshape(24, 2).astype(np.float32)
    dense_bias = np.array([0.5, -0.5], dtype=np.float32)
    layers = [
        ("conv1d", [("conv1d/kernel:0", conv_kernel), ("conv1d/bias:0", conv_bias)]),
        ("flatten", []),
        ("dense", [("dense/kernel:0", dense_kernel), ("dense/bias:0", dense_bias)]),
    ]
    with h5py.File(OUT, "w") as f:
        f.attrs["layer_names"] = [name.encode("utf8") for name, _ in layers]
        f.attrs["backend"] = "tensorflow".encode("utf8")
        f.attrs["keras_version"] = "2.11.0".encode("utf8")
        for name, weights in layers:
            g = f.create_group(name)
            g.attrs["weight_names"] = [w.encode("utf8") for w, _ in weights]
            for weight_name, value in weights:
                dataset = g.create_dataset(weight_name, value.shape, dtype=value.dtype)
                dataset[:] = value
    print(OUT)


if __name__ == "__main__":
    main()
