using System.Buffers.Binary;
using System.IO.Compression;

namespace Outreach.Geo.Elevation;

/// <summary>
/// Heights in metres from SRTM tiles (`N42E001.hgt` or `.hgt.zip`): grids of big-endian signed 16-bit heights,
/// 1,201 x 1,201 (3 arc-seconds) or 3,601 x 3,601 (1 arc-second), row 0 at the northern edge, -32768 for voids.
/// Bilinear between the four surrounding cells, ignoring voids. Immutable after loading; thread-safe.
/// </summary>
public sealed class SrtmElevation
{
    private const short Void = short.MinValue;
    private readonly Dictionary<(int Lat, int Lon), (short[] Heights, int Size)> _tiles = [];

    /// <summary>Loads every `*.hgt` and `*.hgt.zip` file in <paramref name="folder"/>; an empty model if there are none.</summary>
    public static SrtmElevation LoadFolder(string folder)
    {
        var model = new SrtmElevation();
        if (!Directory.Exists(folder))
        {
            return model;
        }

        foreach (string path in Directory.EnumerateFiles(folder).Where(p => p.EndsWith(".hgt", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".hgt.zip", StringComparison.OrdinalIgnoreCase)))
        {
            model.AddTile(path);
        }

        return model;
    }

    /// <summary>Number of tiles loaded.</summary>
    public int TileCount => _tiles.Count;

    /// <summary>Adds one tile; its name (N42E001) gives its south-west corner.</summary>
    public void AddTile(string path)
    {
        string name = Path.GetFileName(path)[..7].ToUpperInvariant();
        int lat = int.Parse(name.AsSpan(1, 2), provider: System.Globalization.CultureInfo.InvariantCulture) * (name[0] == 'S' ? -1 : 1);
        int lon = int.Parse(name.AsSpan(4, 3), provider: System.Globalization.CultureInfo.InvariantCulture) * (name[3] == 'W' ? -1 : 1);
        byte[] bytes;
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.Entries.First(e => e.Name.EndsWith(".hgt", StringComparison.OrdinalIgnoreCase));
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }
        else
        {
            bytes = File.ReadAllBytes(path);
        }

        int size = (int)Math.Round(Math.Sqrt(bytes.Length / 2.0));
        if (size * size * 2 != bytes.Length)
        {
            throw new GeoJson.GeoDataException($"{path}: {bytes.Length} bytes is not a square grid of 16-bit heights");
        }

        var heights = new short[size * size];
        for (int i = 0; i < heights.Length; i++)
        {
            heights[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(i * 2, 2));
        }

        _tiles[(lat, lon)] = (heights, size);
    }

    /// <summary>Height in metres at (lon, lat) in degrees, or null outside the tiles or in a void.</summary>
    public double? HeightMetres(double lon, double lat)
    {
        int tileLat = (int)Math.Floor(lat), tileLon = (int)Math.Floor(lon);
        if (!_tiles.TryGetValue((tileLat, tileLon), out var tile))
        {
            return null;
        }

        int cells = tile.Size - 1;
        double row = (tileLat + 1 - lat) * cells, col = (lon - tileLon) * cells;
        int r0 = Math.Clamp((int)Math.Floor(row), 0, cells - 1), c0 = Math.Clamp((int)Math.Floor(col), 0, cells - 1);
        double fr = row - r0, fc = col - c0;
        double sum = 0, weight = 0;
        for (int dr = 0; dr <= 1; dr++)
        {
            for (int dc = 0; dc <= 1; dc++)
            {
                short h = tile.Heights[(r0 + dr) * tile.Size + c0 + dc];
                if (h == Void)
                {
                    continue;
                }

                double w = (dr == 0 ? 1 - fr : fr) * (dc == 0 ? 1 - fc : fc);
                sum += w * h;
                weight += w;
            }
        }

        return weight > 1e-9 ? sum / weight : null;
    }
}
