namespace SpiNNaker.Machine;

/// <summary>Where the chips of a SpiNN-5 board sit and where its Ethernet chips are.</summary>
public static class BoardGeometry
{
    /// <summary>Chips on a SpiNN-5 board.</summary>
    public const int SpiNN5ChipCount = 48;

    /// <summary>Width and height of a SpiNN-5 board's bounding box.</summary>
    public const int SpiNN5Size = 8;

    /// <summary>Width and height, in chips, of the torus that one triad of boards tiles.</summary>
    public const int TriadSize = 12;

    /// <summary>
    /// Whether board-relative (x, y) is one of the 48 chips of a SpiNN-5 board: x = 0 has
    /// y 0-3, and each column up to x = 4 gains one chip at the top; from x = 5 on each
    /// column loses one at the bottom (x = 7 has y 3-7).
    /// </summary>
    public static bool IsOnSpiNN5Board(int x, int y) =>
        x is >= 0 and < SpiNN5Size && y is >= 0 and < SpiNN5Size && y <= x + 3 && y >= x - 4;

    /// <summary>
    /// Whether (x, y) of a triad torus is an Ethernet chip: x is a multiple of 4 and x + y a
    /// multiple of 12 (so a 12 x 12 triad has them at (0, 0), (4, 8) and (8, 4)).
    /// </summary>
    public static bool IsTriadEthernetChip(int x, int y) => x % 4 == 0 && (x + y) % TriadSize == 0;

    /// <summary>
    /// The Ethernet chip of the board that holds (x, y) in a torus of boards whose width and
    /// height are multiples of 12: the Ethernet chip e for which (x, y) - e, wrapped, lies on
    /// the board hexagon.
    /// </summary>
    public static ChipCoordinate TriadEthernetChipOf(int x, int y, int width, int height)
    {
        for (var hx = 0; hx < SpiNN5Size; hx++)
        {
            for (var hy = 0; hy < SpiNN5Size; hy++)
            {
                if (!IsOnSpiNN5Board(hx, hy))
                {
                    continue;
                }

                var ex = Mod(x - hx, width);
                var ey = Mod(y - hy, height);
                if (IsTriadEthernetChip(ex, ey))
                {
                    return new ChipCoordinate(ex, ey);
                }
            }
        }

        throw new InvalidOperationException($"no board holds chip ({x}, {y}) of a {width} x {height} torus; width and height must be multiples of 12");
    }

    internal static int Mod(int a, int m)
    {
        var r = a % m;
        return r < 0 ? r + m : r;
    }
}
