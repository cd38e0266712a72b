#!/usr/bin/env python3
"""Golden fixtures for the SpiDnn host backend, computed with PyTorch.

Run from the repository root with Debian's python3-torch (the `python3` on PATH may lack torch):

    /usr/bin/python3 tools/make_fixtures.py

It rewrites tests/SpiDnn.Tests/Fixtures/<name>.json and <name>.bin. The tests read those
files and do not need PyTorch. Each fixture is a JSON manifest (the model, its settings and a
list of tensors: name, shape, offset in floats) plus one .bin file of little-endian float32
values, the tensors one after another. Weights are stored in Keras layout: Dense kernel
[in, out] + bias [out]; Conv1D kernel [kernel, channels, filters] + bias [filters]. Initial
weights come from this script (seeded NumPy, Glorot-uniform kernels, small random biases) and
are stored, so the C# test starts from exactly the same weights.

Every computation here runs in float64 so the fixtures are an exact oracle for the C#
float32 results. Keras semantics that differ from PyTorch's defaults are written out:
  * "same" padding is TensorFlow's: pad_total = max((ceil(n/s)-1)*s + k - n, 0),
    pad_before = pad_total // 2, the extra one at the end (F.pad then conv1d);
  * tensors are channels last ([steps, channels]); softmax in a conv layer is over filters;
  * a Dense after a Conv1D flattens the [steps, filters] output position-major;
  * losses: MSE = mean over outputs then batch; categorical cross-entropy after softmax and
    binary cross-entropy after sigmoid are computed from the logits (Keras' own path);
  * SGD: w -= lr * d(mean batch loss)/dw after every batch, no momentum.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "SpiDnn.Tests", "Fixtures")

ACT = {
    "identity": lambda z, axis: z,
    "relu": lambda z, axis: torch.relu(z),
    "sigmoid": lambda z, axis: torch.sigmoid(z),
    "tanh": lambda z, axis: torch.tanh(z),
    "softmax": lambda z, axis: torch.softmax(z, dim=axis),
}


def glorot(rng, fan_in, fan_out, shape):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape)


def same_padding(n, k, s):
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv1d(x, kernel, bias, stride, padding):
    """x [B, steps, channels] (channels last), kernel [k, c, f] (Keras) -> [B, out, f]."""
    k = kernel.shape[0]
    xt = x.transpose(1, 2)  # [B, c, steps] for torch
    if padding == "same":
        before, after = same_padding(x.shape[1], k, stride)
        xt = F.pad(xt, (before, after))
    weight = kernel.permute(2, 1, 0)  # [f, c, k]
    return F.conv1d(xt, weight, bias, stride=stride).transpose(1, 2)


def forward(layers, params, x):
    """Runs the model; returns the output and the last pre-activation."""
    h = x
    z = None
    for layer, (kernel, bias) in zip(layers, params):
        if layer["type"] == "dense":
            h = h.reshape(h.shape[0], -1)  # implicit flatten, position-major
            z = h @ kernel + bias
        else:
            z = conv1d(h, kernel, bias, layer["stride"], layer["padding"])
        h = ACT[layer["activation"]](z, -1)
    return h, z


def init_params(rng, layers, input_shape, bias_scale=0.1):
    params = []
    shape = list(input_shape)
    for layer in layers:
        if layer["type"] == "dense":
            n = int(np.prod(shape))
            kernel = glorot(rng, n, layer["units"], (n, layer["units"]))
            bias = rng.uniform(-bias_scale, bias_scale, size=layer["units"])
            shape = [layer["units"]]
        else:
            steps, channels = shape
            k, f, s = layer["kernel"], layer["filters"], layer["stride"]
            kernel = glorot(rng, k * channels, k * f, (k, channels, f))
            bias = rng.uniform(-bias_scale, bias_scale, size=f)
            out = -(-steps // s) if layer["padding"] == "same" else (steps - k) // s + 1
            shape = [out, f]
        params.append((torch.tensor(kernel), torch.tensor(bias)))
    return params


def batch_loss(loss, layers, params, x, y):
    out, z = forward(layers, params, x)
    width = out.shape[-1]
    out2, z2, y2 = out.reshape(-1, width), z.reshape(-1, width), y.reshape(-1, width)
    if loss == "mse":
        return ((out2 - y2) ** 2).mean(dim=1).mean()
    if loss == "cce":
        assert layers[-1]["activation"] == "softmax"
        return -(y2 * torch.log_softmax(z2, dim=1)).sum(dim=1).mean()
    if loss == "bce":
        assert layers[-1]["activation"] == "sigmoid"
        return F.binary_cross_entropy_with_logits(z2, y2, reduction="none").mean(dim=1).mean()
    raise ValueError(loss)


def train(loss, layers, params, x, y, lr, epochs, batch):
    params = [(k.clone().requires_grad_(True), b.clone().requires_grad_(True)) for k, b in params]
    losses = []
    n = x.shape[0]
    for _ in range(epochs):
        total = 0.0
        for start in range(0, n, batch):
            xb, yb = x[start:start + batch], y[start:start + batch]
            value = batch_loss(loss, layers, params, xb, yb)
            grads = torch.autograd.grad(value, [t for p in params for t in p])
            with torch.no_grad():
                for t, g in zip([t for p in params for t in p], grads):
                    t -= lr * g
            total += value.item() * xb.shape[0]
        losses.append(total / n)
    return [(k.detach(), b.detach()) for k, b in params], losses


class Writer:
    def __init__(self, name, description, **settings):
        self.name, self.tensors, self.blobs, self.offset = name, [], [], 0
        self.manifest = {"name": name, "description": description, **settings}

    def add(self, name, value):
        array = np.ascontiguousarray(np.asarray(value.detach() if torch.is_tensor(value) else value, dtype="<f4"))
        self.tensors.append({"name": name, "shape": list(array.shape), "offset": self.offset})
        self.blobs.append(array.tobytes())
        self.offset += array.size

    def add_params(self, prefix, params):
        for i, (kernel, bias) in enumerate(params):
            self.add(f"{prefix}{i}.kernel", kernel)
            self.add(f"{prefix}{i}.bias", bias)

    def save(self):
        self.manifest["tensors"] = self.tensors
        with open(os.path.join(OUT, self.name + ".json"), "w") as f:
            json.dump(self.manifest, f, indent=1)
            f.write("\n")
        with open(os.path.join(OUT, self.name + ".bin"), "wb") as f:
            f.write(b"".join(self.blobs))
        print(f"{self.name}: {self.offset} floats")


def inference_fixture(name, description, layers, input_shape, examples, seed):
    rng = np.random.default_rng(seed)
    params = init_params(rng, layers, input_shape)
    # Round the inputs and weights to float32 first: the C# side sees exactly these values.
    params = [(torch.tensor(np.float32(k.numpy())).double(), torch.tensor(np.float32(b.numpy())).double()) for k, b in params]
    x = torch.tensor(np.float32(rng.uniform(0, 1, size=[examples] + input_shape))).double()
    with torch.no_grad():
        y, _ = forward(layers, params, x)
    w = Writer(name, description, layers=layers, input_shape=input_shape)
    w.add("x", x)
    w.add_params("w", params)
    w.add("predictions", y)
    w.save()


def training_fixture(name, description, layers, input_shape, params, x, y, loss, lr, epochs, batch):
    params = [(torch.tensor(np.float32(k)).double(), torch.tensor(np.float32(b)).double()) for k, b in params]
    x = torch.tensor(np.float32(x)).double()
    y = torch.tensor(np.float32(y)).double()
    trained, losses = train(loss, layers, params, x, y, lr, epochs, batch)
    w = Writer(name, description, layers=layers, input_shape=input_shape, loss=loss, learning_rate=lr,
               epochs=epochs, batch_size=batch, shuffle=False, epoch_losses=losses)
    w.add("x", x)
    w.add("y", y)
    w.add_params("initial", params)
    w.add_params("trained", trained)
    w.save()


def dense(units, activation="identity"):
    return {"type": "dense", "units": units, "activation": activation}


def conv(filters, kernel, stride=1, padding="valid", activation="identity"):
    return {"type": "conv1d", "filters": filters, "kernel": kernel, "stride": stride, "padding": padding,
            "activation": activation}


def main():
    os.makedirs(OUT, exist_ok=True)
    # (a) The seed's MLP inference test model.
    inference_fixture(
        "mlp_inference", "seed test (a): MLP 224-50 relu-50 softmax-300 tanh-50 sigmoid-25-17 softmax, 500 inputs",
        [dense(50, "relu"), dense(50, "softmax"), dense(300, "tanh"), dense(50, "sigmoid"), dense(25), dense(17, "softmax")],
        [224], 500, seed=1)
    # (b) The seed's Conv1D inference test models on 224 x 3 inputs.
    inference_fixture(
        "conv_inference_same", "seed test (b1): conv(1,k3,same)-conv(5,k12,same)-conv(16,k3,same,s2)-dense 16",
        [conv(1, 3, padding="same"), conv(5, 12, padding="same"), conv(16, 3, stride=2, padding="same"), dense(16)],
        [224, 3], 100, seed=2)
    inference_fixture(
        "conv_inference_strided",
        "seed test (b2): conv(1,k7,same,s2,relu)-conv(5,k12,same,s3,tanh)-conv(16,k3,same,s2,sigmoid)-"
        "conv(16,k6,same,s5,softmax)-conv(5,k4,valid,s3)-dense 1",
        [conv(1, 7, 2, "same", "relu"), conv(5, 12, 3, "same", "tanh"), conv(16, 3, 2, "same", "sigmoid"),
         conv(16, 6, 5, "same", "softmax"), conv(5, 4, 3, "valid"), dense(1)],
        [224, 3], 100, seed=3)

    # (c) The seed's XOR training test: MSE, SGD lr 0.1, batch 4, 50 epochs, no shuffle.
    xor_layers = [dense(50, "relu"), dense(50, "softmax"), dense(300, "tanh"), dense(50, "sigmoid"), dense(25),
                  dense(2, "softmax")]
    rng = np.random.default_rng(4)
    xor_params = [(k.numpy(), b.numpy()) for k, b in init_params(rng, xor_layers, [2])]
    training_fixture(
        "xor_training", "seed test (c): XOR MLP 2-50 relu-50 softmax-300 tanh-50 sigmoid-25-2 softmax, MSE",
        xor_layers, [2], xor_params,
        x=[[0, 0], [0, 1], [1, 0], [1, 1]], y=[[1, 0], [0, 1], [0, 1], [1, 0]],
        loss="mse", lr=0.1, epochs=50, batch=4)

    # (d) Two Conv1D layers and a Dense with known weights, one SGD step at lr 0.01. The
    # first kernel is the seed's conv test kernel (value f + 0.1 * (3k + c)) scaled by 0.1.
    cnn_layers = [conv(3, 3, 1, "valid", "relu"), conv(2, 3, 2, "same", "tanh"), dense(1, "sigmoid")]
    k1 = np.array([[[0.1 * (f + 0.1 * (3 * k + c)) for f in range(3)] for c in range(3)] for k in range(3)])
    b1 = np.array([0.09, 0.19, 0.29]) - 0.3
    k2 = np.array([[[0.05 * (6 * k + 2 * c + f) - 0.4 for f in range(2)] for c in range(3)] for k in range(3)])
    b2 = np.array([0.1, -0.1])
    k3 = np.array([[0.3], [-0.2], [0.5], [-0.4]])
    b3 = np.array([0.05])
    x = [[[((i * 7 + s * 3 + c) % 5) / 4.0 - 0.3 for c in range(3)] for s in range(6)] for i in range(4)]
    training_fixture(
        "cnn_sgd_step", "two Conv1D + Dense with known weights: conv(3,k3,valid,relu)-conv(2,k3,same,s2,tanh)-"
        "dense(1,sigmoid) on 6x3 inputs, binary cross-entropy, one SGD step at lr 0.01",
        cnn_layers, [6, 3], [(k1, b1), (k2, b2), (k3, b3)], x=x, y=[[0], [1], [1], [0]],
        loss="bce", lr=0.01, epochs=1, batch=4)

    # (e) The benchmark's model shape, smaller input: categorical cross-entropy after softmax,
    # two epochs with a final partial batch (50 examples, batch 16), lr 0.1.
    mlp_layers = [dense(32, "relu"), dense(10, "softmax")]
    rng = np.random.default_rng(5)
    mlp_params = [(k.numpy(), b.numpy()) for k, b in init_params(rng, mlp_layers, [20])]
    labels = rng.integers(0, 10, size=50)
    training_fixture(
        "mlp_cce_training", "MLP 20-32 relu-10 softmax, categorical cross-entropy, SGD lr 0.1, batch 16 "
        "(last batch of each epoch partial), 2 epochs, no shuffle",
        mlp_layers, [20], mlp_params, x=rng.uniform(0, 1, size=(50, 20)), y=np.eye(10)[labels],
        loss="cce", lr=0.1, epochs=2, batch=16)


if __name__ == "__main__":
    main()
