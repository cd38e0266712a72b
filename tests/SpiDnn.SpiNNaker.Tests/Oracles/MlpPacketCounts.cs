using SpiDnn.Backends.SpiNNaker.Neuron;

namespace SpiDnn.SpiNNaker.Tests.Oracles;

/// <summary>
/// The packets the neuron mapping sends and delivers per example for an MLP, counted from the
/// protocol as docs/mapping-neuron.md states it (independently of the code): n0 inputs, layers
/// n1..nL, softmax layers exchanging values among themselves.
/// </summary>
internal static class MlpPacketCounts
{
    /// <summary>Packets sent and delivered per predicted example.</summary>
    public static (long Sent, long Delivered) Inference(int inputs, int[] units, bool[] softmax)
    {
        long sent = inputs;
        long delivered = (long)inputs * units[0];
        for (var l = 0; l < units.Length; l++)
        {
            sent += units[l];
            delivered += l + 1 < units.Length ? (long)units[l] * units[l + 1] : units[l]; // the last layer to the host gatherer
            if (softmax[l] && units[l] > 1)
            {
                sent += units[l];
                delivered += (long)units[l] * (units[l] - 1);
            }
        }
        return (sent, delivered);
    }

    /// <summary>Packets sent and delivered per training example.</summary>
    /// <param name="inputs">Input values.</param>
    /// <param name="units">Neurons per Dense layer.</param>
    /// <param name="softmax">Which layers are softmax layers.</param>
    /// <param name="fusedLoss">Whether the loss is taken from the output pre-activations (softmax + categorical, sigmoid + binary cross-entropy).</param>
    /// <param name="variant">The backward variant.</param>
    public static (long Sent, long Delivered) Training(int inputs, int[] units, bool[] softmax, bool fusedLoss, BackwardVariant variant)
    {
        var outputs = units[^1];
        // Inputs to the first layer, labels to the loss.
        long sent = inputs + outputs;
        long delivered = ((long)inputs * units[0]) + outputs;
        for (var l = 0; l < units.Length; l++)
        {
            var n = units[l];
            // Forward: to the next layer, or the output layer to the loss vertex.
            sent += n;
            delivered += l + 1 < units.Length ? (long)n * units[l + 1] : n;
            var exchanges = softmax[l] && n > 1;
            if (exchanges)
            {
                sent += n;
                delivered += (long)n * (n - 1);
            }

            // Backward: the first layer answers the host once per neuron; the others send
            // their error once (shared parameters) or once per input (multicast each error),
            // every packet to every neuron of the previous layer.
            if (l == 0)
            {
                sent += n;
                delivered += n;
            }
            else
            {
                var previous = units[l - 1];
                var perNeuron = variant == BackwardVariant.SharedParameters ? 1 : previous;
                sent += (long)n * perNeuron;
                delivered += (long)n * perNeuron * previous;
            }
            if (exchanges && !(l == units.Length - 1 && fusedLoss))
            {
                sent += n;
                delivered += (long)n * (n - 1);
            }
        }
        // The loss vertex: one error per output, and the loss and correct count to the host.
        sent += outputs + 2;
        delivered += outputs + 2;
        return (sent, delivered);
    }
}
