namespace SpiDnn.Backends.SpiNNaker.Neuron.Cores;

/// <summary>
/// What a neuron-mapping core is doing for the current example. Cores write it (with the
/// example index and their received/expected counts) to their status region so that the
/// host can say which core waits for what when a run stalls.
/// </summary>
internal enum CoreStage : uint
{
    /// <summary>Collecting the inputs of the forward pass.</summary>
    Forward = 1,

    /// <summary>Collecting the exp values of the rest of a softmax layer.</summary>
    SoftmaxForward = 2,

    /// <summary>Collecting the errors of the backward pass.</summary>
    Backward = 3,

    /// <summary>Collecting the error-times-output values of the rest of a softmax layer (softmax Jacobian).</summary>
    SoftmaxBackward = 4,

    /// <summary>Collecting the kernel gradients of the other neurons of a Conv1D layer.</summary>
    KernelUpdate = 5,

    /// <summary>Waiting for the outputs and labels of an example (loss vertex).</summary>
    Loss = 6,

    /// <summary>Waiting for the host to send an example (input vertices).</summary>
    Injection = 7,

    /// <summary>All examples processed; results written to SDRAM.</summary>
    Finished = 8,
}
