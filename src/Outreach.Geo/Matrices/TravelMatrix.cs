using Outreach.Geo.Roads;

namespace Outreach.Geo.Matrices;

/// <summary>
/// Many-to-many travel durations (seconds) and distances (metres) between n sites, as flat row-major arrays:
/// entry <c>[from * n + to]</c>. Unreachable pairs hold <see cref="Unreachable"/> in both arrays and have a
/// <see cref="ReasonFor"/>. When <see cref="IsEstimated"/> the figures come from straight-line distance times a
/// circuity factor, not from road routing, and must be shown as estimates. Immutable; thread-safe to read.
/// </summary>
public sealed class TravelMatrix
{
    /// <summary>The value of an unreachable pair in <see cref="DurationsSeconds"/> and <see cref="DistancesMetres"/>.</summary>
    public const int Unreachable = -1;

    private readonly int[]? _reasonIndex;

    /// <summary>Creates a matrix; <paramref name="reasonIndex"/> holds 0 for reachable pairs and k for <c>reasons[k - 1]</c>.</summary>
    public TravelMatrix(int size, TravelProfile profile, int[] durationsSeconds, int[] distancesMetres, bool isEstimated,
        string source, IReadOnlyList<UnreachableReason>? reasons = null, int[]? reasonIndex = null)
    {
        ArgumentNullException.ThrowIfNull(durationsSeconds);
        ArgumentNullException.ThrowIfNull(distancesMetres);
        if (durationsSeconds.Length != size * size || distancesMetres.Length != size * size)
        {
            throw new ArgumentException($"matrices must hold {size} x {size} entries");
        }

        Size = size;
        Profile = profile;
        DurationsSeconds = durationsSeconds;
        DistancesMetres = distancesMetres;
        IsEstimated = isEstimated;
        Source = source;
        Reasons = reasons ?? [];
        _reasonIndex = reasonIndex;
        UnreachableCount = durationsSeconds.Count(d => d == Unreachable);
    }

    /// <summary>Number of sites n.</summary>
    public int Size { get; }

    /// <summary>The profile travelled.</summary>
    public TravelProfile Profile { get; }

    /// <summary>Durations in whole seconds, n*n row-major; do not modify.</summary>
    public int[] DurationsSeconds { get; }

    /// <summary>Distances in whole metres, n*n row-major; do not modify.</summary>
    public int[] DistancesMetres { get; }

    /// <summary>Straight-line estimate rather than road routing: show "ước tính / estimated" wherever displayed.</summary>
    public bool IsEstimated { get; }

    /// <summary>Where the figures come from, e.g. "road network 3fa2… (van, weather dry)" or "estimated: …".</summary>
    public string Source { get; }

    /// <summary>Distinct reasons referenced by unreachable pairs.</summary>
    public IReadOnlyList<UnreachableReason> Reasons { get; }

    /// <summary>How many ordered pairs are unreachable.</summary>
    public int UnreachableCount { get; }

    /// <summary>Seconds from <paramref name="from"/> to <paramref name="to"/>, or <see cref="Unreachable"/>.</summary>
    public int this[int from, int to] => DurationsSeconds[from * Size + to];

    /// <summary>Seconds from <paramref name="from"/> to <paramref name="to"/>, or <see cref="Unreachable"/>.</summary>
    public int Duration(int from, int to) => DurationsSeconds[from * Size + to];

    /// <summary>Metres from <paramref name="from"/> to <paramref name="to"/>, or <see cref="Unreachable"/>.</summary>
    public int Distance(int from, int to) => DistancesMetres[from * Size + to];

    /// <summary>The durations from one site to all.</summary>
    public ReadOnlySpan<int> DurationRow(int from) => DurationsSeconds.AsSpan(from * Size, Size);

    /// <summary>Why the pair is unreachable, or null when it is reachable.</summary>
    public UnreachableReason? ReasonFor(int from, int to) =>
        _reasonIndex is null || _reasonIndex[from * Size + to] == 0 ? null : Reasons[_reasonIndex[from * Size + to] - 1];
}
