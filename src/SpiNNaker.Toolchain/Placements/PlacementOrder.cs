namespace SpiNNaker.Toolchain.Placements;

/// <summary>How the <see cref="ConnectivePlacer"/> orders vertices for filling chips.</summary>
public enum PlacementOrder
{
    /// <summary>
    /// A breadth-first walk over connections, filling chips in walk order (the default): the
    /// vertices of a densely connected layer stay together, so each partition reaches few chips.
    /// </summary>
    BreadthFirst,

    /// <summary>
    /// One cluster per chip, grown from the vertices most connected to those already on it:
    /// fewest links for sparse, local graphs (a Game of Life grid needs 40 % fewer tree links),
    /// but it mixes the layers of dense networks.
    /// </summary>
    Clusters,
}
