#!/usr/bin/env python3
"""Reads a weights file the way Keras 2's `load_weights` does, to check SpiDnn's files.

    /usr/bin/python3 tools/check_keras_h5.py FILE.h5

Follows keras/saving/hdf5_format.py `load_weights_from_hdf5_group` (h5py only, no Keras
needed): read `keras_version`/`backend` (a missing version would make Keras apply its Keras 1
conversions), read `layer_names`, keep the layers whose `weight_names` is not empty, and read
each weight as `group[weight_name]`. Prints every layer's weights with shape and dtype.
"""
import sys

import h5py
import numpy as np


def strings(group, name):
    if name not in group.attrs:
        return []
    return [n.decode("utf8") if hasattr(n, "decode") else n for n in group.attrs[name]]


def main(path):
    with h5py.File(path, "r") as f:
        version = f.attrs.get("keras_version", b"1")
        version = version.decode("utf8") if hasattr(version, "decode") else version
        backend = f.attrs.get("backend")
        backend = backend.decode("utf8") if hasattr(backend, "decode") else backend
        print(f"keras_version={version} backend={backend}")
        assert not version.startswith("1"), "Keras would treat this as a Keras 1 file"
        for name in strings(f, "layer_names"):
            weight_names = strings(f[name], "weight_names")
            if not weight_names:
                print(f"{name}: no weights")
                continue
            for weight_name in weight_names:
                value = np.asarray(f[name][weight_name])
                print(f"{name}: {weight_name} shape={value.shape} dtype={value.dtype} sum={value.sum():.6f}")


if __name__ == "__main__":
    main(sys.argv[1])
