namespace Outreach.Geo.GeoJson;

/// <summary>
/// One problem found while reading map data: where it is (feature index, or OSM element) and what is wrong.
/// Readers collect these instead of dropping bad input silently. Immutable.
/// </summary>
/// <param name="Location">"feature 12 (way/4711)", "node 12000000001", ...</param>
/// <param name="Problem">What is wrong, naming the field and value.</param>
public sealed record GeoDataError(string Location, string Problem)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Problem}";
}

/// <summary>Thrown when map data cannot be used at all (not JSON, no FeatureCollection, no such file).</summary>
public sealed class GeoDataException : Exception
{
    /// <summary>Creates the exception with a message naming the file and problem.</summary>
    public GeoDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public GeoDataException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public GeoDataException()
    {
    }
}
