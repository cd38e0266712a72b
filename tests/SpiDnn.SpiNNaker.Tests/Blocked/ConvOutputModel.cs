using SpiDnn.Layers;

namespace SpiDnn.SpiNNaker.Tests.Blocked;

/// <summary>
/// A two-layer Conv1D model whose output layer is a strided, same-padded convolution (so its
/// tiles overlap the previous layer's windows), with data for every loss: the case the split
/// and the fused output layers are both checked on.
/// </summary>
internal static class ConvOutputModel
{
    public static Sequential Build(Activation output) => new Sequential(seed: 4)
        .Add(new Input(12, 3))
        .Add(new Conv1D(4, 3, activation: Activation.Relu))
        .Add(new Conv1D(3, 2, stride: 2, padding: Padding.Same, activation: output));

    /// <summary>20 rows of 12 x 3 inputs and targets of 5 x 3 (one-hot rows for the cross-entropies).</summary>
    public static (Tensor X, Tensor Y) Data(Loss loss) =>
        (BlockedOracle.Uniform(21, 0, 1, 20, 12, 3),
         loss == Loss.MeanSquaredError ? BlockedOracle.Uniform(22, 0, 1, 20, 5, 3) : BlockedOracle.OneHot(22, 20, 3, rows: 5));
}
