using PureHDF;
using PureHDF.VOL.Native;

namespace SpiDnn.Serialization;

/// <summary>
/// Weights in the HDF5 layout of Keras 2's <c>model.save_weights("file.h5")</c>, so files move
/// between SpiDnn and Keras in both directions:
/// <list type="bullet">
/// <item>root attributes <c>layer_names</c> (every layer, in order), <c>backend</c>, <c>keras_version</c>;</item>
/// <item>one group per layer with attribute <c>weight_names</c> (<c>dense/kernel:0</c>, <c>dense/bias:0</c>;
/// absent for layers without weights);</item>
/// <item>one float32 dataset per weight at <c>&lt;layer&gt;/&lt;weight name&gt;</c>, for example
/// <c>dense/dense/kernel:0</c>, in Keras layout.</item>
/// </list>
/// Like Keras, loading matches layers with weights by position, not by name, and checks
/// every shape. Saving writes a temporary file beside the target and renames it over the
/// target only when complete, so a failed save never destroys an existing file.
/// </summary>
internal static class KerasWeightsFile
{
    /// <summary>The Keras version written to files; any 2.x makes Keras read the file without Keras 1 conversions.</summary>
    public const string KerasVersion = "2.15.0";

    /// <summary>Writes the model's weights to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="model">The model whose weights are written.</param>
    /// <param name="wrapStream">Tests only: wraps the temporary file's stream (to inject a failing disk).</param>
    public static void Write(string path, Sequential model, Func<Stream, Stream>? wrapStream = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new H5File();
        var names = model.Layers.Select(l => l.Name).ToArray();
        file.Attributes["layer_names"] = names;
        file.Attributes["backend"] = "tensorflow";
        file.Attributes["keras_version"] = KerasVersion;
        foreach (var layer in model.Layers)
        {
            var group = new H5Group();
            if (layer.Weights.Count > 0)
            {
                var inner = new H5Group();
                var weightNames = new string[layer.Weights.Count];
                for (var i = 0; i < layer.Weights.Count; i++)
                {
                    var weight = layer.Weights[i];
                    var datasetName = $"{layer.WeightNames[i]}:0";
                    weightNames[i] = $"{layer.Name}/{datasetName}";
                    inner[datasetName] = new H5Dataset(weight.ToArray(), fileDims: [.. weight.Shape.Select(d => (ulong)d)]);
                }
                group.Attributes["weight_names"] = weightNames;
                group[layer.Name] = inner;
            }
            file[layer.Name] = group;
        }

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fileStream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite))
            using (var stream = wrapStream?.Invoke(fileStream) ?? fileStream)
            {
                // Fixed-length strings, as Keras 2 wrote them with h5py 2 (both kinds load in Keras).
                var longest = names.Concat(["tensorflow", KerasVersion]).Max(n => n.Length) + 16;
                file.Write(stream, new H5WriteOptions(DefaultStringLength: longest));
                stream.Flush();
                fileStream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new IOException($"could not save weights to '{path}': {e.Message}", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Reads the weights of every layer with weights, in order, checked against the model's
    /// architecture. Returns one list per model layer (empty for layers without weights).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Tensor>> Read(string path, Sequential model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no weights file at '{path}'", path);
        }
        List<(string Layer, Tensor[] Weights)> stored;
        try
        {
            using var file = H5File.OpenRead(path);
            stored = ReadLayers(file, path);
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception e) when (e is not FileNotFoundException and not UnauthorizedAccessException)
        {
            throw new InvalidDataException(
                $"'{path}' is not a readable Keras HDF5 weights file (corrupt or truncated?): {e.Message}", e);
        }

        var weighted = model.Layers.Where(l => l.Weights.Count > 0).ToList();
        if (stored.Count != weighted.Count)
        {
            throw new InvalidDataException(
                $"'{path}' holds weights for {stored.Count} layers ({string.Join(", ", stored.Select(s => s.Layer))}), but the model has {weighted.Count} layers with weights ({string.Join(", ", weighted.Select(l => l.Name))})");
        }
        var result = new List<IReadOnlyList<Tensor>>();
        var next = 0;
        foreach (var layer in model.Layers)
        {
            if (layer.Weights.Count == 0)
            {
                result.Add([]);
                continue;
            }
            var (storedName, weights) = stored[next++];
            if (weights.Length != layer.Weights.Count)
            {
                throw new InvalidDataException(
                    $"layer '{storedName}' in '{path}' has {weights.Length} weights, but model layer '{layer.Name}' ({layer.TypeName}) has {layer.Weights.Count}");
            }
            for (var i = 0; i < weights.Length; i++)
            {
                if (!weights[i].HasShape(layer.Weights[i].Shape))
                {
                    throw new InvalidDataException(
                        $"layer '{storedName}' in '{path}' has {layer.WeightNames[i]} of shape {Tensor.FormatShape(weights[i].Shape)}, but model layer '{layer.Name}' ({layer.TypeName}) expects {Tensor.FormatShape(layer.Weights[i].Shape)}");
                }
            }
            result.Add(weights);
        }
        return result;
    }

    private static List<(string, Tensor[])> ReadLayers(NativeFile file, string path)
    {
        if (!file.AttributeExists("layer_names"))
        {
            throw new InvalidDataException($"'{path}' is an HDF5 file but not a Keras weights file: the root has no 'layer_names' attribute");
        }
        var layers = new List<(string, Tensor[])>();
        foreach (var layerName in ReadStrings(file.Attribute("layer_names")))
        {
            var group = file.Group(layerName);
            if (!group.AttributeExists("weight_names"))
            {
                continue;
            }
            var weightNames = ReadStrings(group.Attribute("weight_names"));
            if (weightNames.Length == 0)
            {
                continue;
            }
            var weights = new Tensor[weightNames.Length];
            for (var i = 0; i < weightNames.Length; i++)
            {
                var dataset = group.Dataset(weightNames[i]);
                var shape = dataset.Space.Dimensions.Select(d => checked((int)d)).ToArray();
                if (dataset.Type.Class != H5DataTypeClass.FloatingPoint)
                {
                    throw new InvalidDataException($"weight '{layerName}/{weightNames[i]}' in '{path}' is not floating point ({dataset.Type.Class})");
                }
                var values = dataset.Type.Size == 8
                    ? [.. dataset.Read<double[]>().Select(v => (float)v)]
                    : dataset.Read<float[]>();
                weights[i] = Tensor.FromArray(values, shape);
            }
            layers.Add((layerName, weights));
        }
        return layers;
    }

    private static string[] ReadStrings(IH5Attribute attribute)
    {
        // Keras stores an empty list (a layer without weights) as an empty float array.
        if (attribute.Space.Dimensions.Length > 0 && attribute.Space.Dimensions.Any(d => d == 0))
        {
            return [];
        }
        if (attribute.Type.Class == H5DataTypeClass.String || attribute.Type.Class == H5DataTypeClass.VariableLength)
        {
            return [.. attribute.Read<string[]>().Select(s => s.TrimEnd('\0'))];
        }
        throw new InvalidDataException($"attribute '{attribute.Name}' is not a list of strings ({attribute.Type.Class})");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is harmless, the target is untouched.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
