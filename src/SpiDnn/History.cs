using SpiDnn.Backends;

namespace SpiDnn;

/// <summary>
/// What <see cref="Sequential.Fit"/> reports, one entry per epoch: the mean training loss and
/// accuracy over the epoch's examples (each batch weighted by its size, measured with the
/// weights as they were when the batch ran, like Keras), and, when validation data was
/// given, the loss and accuracy on it after the epoch.
/// </summary>
public sealed class History
{
    private readonly List<float> _loss = [];
    private readonly List<float> _accuracy = [];
    private readonly List<float> _validationLoss = [];
    private readonly List<float> _validationAccuracy = [];

    /// <summary>The mean training loss per epoch.</summary>
    public IReadOnlyList<float> Loss => _loss;

    /// <summary>The training accuracy per epoch.</summary>
    public IReadOnlyList<float> Accuracy => _accuracy;

    /// <summary>The validation loss per epoch (empty without validation data).</summary>
    public IReadOnlyList<float> ValidationLoss => _validationLoss;

    /// <summary>The validation accuracy per epoch (empty without validation data).</summary>
    public IReadOnlyList<float> ValidationAccuracy => _validationAccuracy;

    /// <summary>The number of completed epochs.</summary>
    public int Epochs => _loss.Count;

    /// <summary>
    /// Figures a backend measured about the run itself (for example simulated time and packet
    /// counts of a SpiNNaker run); null when the backend reports none (the host backend).
    /// </summary>
    public IBackendStatistics? BackendStatistics { get; set; }

    /// <summary>Appends the figures of one finished epoch.</summary>
    public void AddEpoch(float loss, float accuracy, Evaluation? validation = null)
    {
        _loss.Add(loss);
        _accuracy.Add(accuracy);
        if (validation is not null)
        {
            _validationLoss.Add(validation.Loss);
            _validationAccuracy.Add(validation.Accuracy);
        }
    }
}
