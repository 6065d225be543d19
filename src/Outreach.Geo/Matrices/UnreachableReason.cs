namespace Outreach.Geo.Matrices;

/// <summary>Why a pair of sites has no travel time.</summary>
public enum UnreachableKind
{
    /// <summary>A site has no usable road within the snapping radius.</summary>
    NotSnapped,

    /// <summary>A named flood area cuts every route.</summary>
    Flood,

    /// <summary>A chief's road closure cuts every route.</summary>
    Closure,

    /// <summary>No single flood or closure does it, but together they do (<see cref="UnreachableReason.Name"/> lists them).</summary>
    Combined,

    /// <summary>The road network itself does not connect them.</summary>
    Disconnected,
}

/// <summary>Why a pair is unreachable, with the flood area or closure named. Immutable.</summary>
/// <param name="Kind">The kind of cause.</param>
/// <param name="Name">The flood area or closure (names joined by ", " for <see cref="UnreachableKind.Combined"/>), or null.</param>
public sealed record UnreachableReason(UnreachableKind Kind, string? Name)
{
    /// <summary>A sentence for the chief, Vietnamese first, then English.</summary>
    public string Describe() => Kind switch
    {
        UnreachableKind.NotSnapped => "Không có đường tới địa điểm / no road reaches the site",
        UnreachableKind.Flood => $"Đường bị ngập ({Name}) / road closed by flood area {Name}",
        UnreachableKind.Closure => $"Đường bị cấm ({Name}) / road closed: {Name}",
        UnreachableKind.Combined => $"Các đoạn đường bị chặn ({Name}) / roads closed together by {Name}",
        _ => "Mạng đường không nối hai điểm / the road network does not connect them",
    };
}
