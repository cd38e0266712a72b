using System.CommandLine;
using SpiDnn.Backends;
using SpiDnn.Models;

namespace SpiDnn.Cli.Options;

/// <summary><c>--weights</c> of <c>evaluate</c> and <c>predict</c>, and building a model from such a file.</summary>
internal static class WeightsOption
{
    /// <summary>A required option naming an existing weights file.</summary>
    public static Option<string> Create() => new Option<string>("--weights", "-w")
    {
        Description = "A weights file written by 'spidnn train --save' (Keras HDF5) for the same --model.",
        HelpName = "file",
        Required = true,
    }.ExistingFile();

    /// <summary>Builds <paramref name="zoo"/>, loads the weights of <paramref name="path"/> and compiles it.</summary>
    public static Sequential Load(ZooModel zoo, string path, IBackend? backend)
    {
        // The learning rate is irrelevant here (no training), but Compile needs an optimiser.
        var network = ModelZoo.BuildCompiled(zoo, seed: 0, zoo.Defaults.LearningRate, backend);
        network.LoadWeights(path);
        return network;
    }
}
