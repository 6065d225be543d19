namespace Outreach.Geo.Roads;

/// <summary>Which directions of a way a profile may travel. Forward is the way's node order.</summary>
/// <param name="Forward">Allowed from first node to last.</param>
/// <param name="Backward">Allowed from last node to first.</param>
public readonly record struct WayAccess(bool Forward, bool Backward)
{
    /// <summary>Usable in at least one direction.</summary>
    public bool Any => Forward || Backward;
}

/// <summary>
/// OSM access and one-way rules per <see cref="TravelProfile"/>. Vans use public roads and good tracks
/// (tracktype grade1/grade2 or a paved surface); motorbikes also rough tracks, paths and bridleways;
/// walkers everything but motorways. One-way: `oneway=yes|true|1` forward, `oneway=-1|reverse` backward,
/// roundabouts and motorways one-way unless `oneway=no`; walking ignores one-way. Stateless and thread-safe.
/// </summary>
public static class AccessRules
{
    private static readonly HashSet<string> VanClasses = new(StringComparer.Ordinal)
    {
        "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
        "tertiary", "tertiary_link", "unclassified", "residential", "living_street", "service", "road", "track",
    };

    private static readonly HashSet<string> MotorbikeExtra = new(StringComparer.Ordinal) { "path", "bridleway" };

    private static readonly HashSet<string> WalkingExcluded = new(StringComparer.Ordinal)
    {
        "motorway", "motorway_link", "construction", "proposed", "abandoned", "platform", "raceway", "bus_guideway", "busway",
    };

    private static readonly HashSet<string> Denied = new(StringComparer.Ordinal) { "no", "private", "agricultural", "forestry", "delivery", "military" };

    private static readonly HashSet<string> Granted = new(StringComparer.Ordinal) { "yes", "designated", "permissive", "destination", "customers", "permit" };

    /// <summary>The directions <paramref name="profile"/> may use <paramref name="way"/> in; (false, false) when not at all.</summary>
    public static WayAccess For(RoadWay way, TravelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(way);
        if (!Usable(way, profile))
        {
            return default;
        }

        if (profile == TravelProfile.Walking)
        {
            return new WayAccess(true, true);
        }

        string? oneway = way.Tag("oneway");
        string? junction = way.Tag("junction");
        switch (oneway)
        {
            case "yes" or "true" or "1":
                return new WayAccess(true, false);
            case "-1" or "reverse":
                return new WayAccess(false, true);
            case "no" or "false" or "0":
                return new WayAccess(true, true);
            default:
                bool implied = junction is "roundabout" or "circular" || way.Highway is "motorway" or "motorway_link";
                return new WayAccess(true, !implied);
        }
    }

    private static bool Usable(RoadWay way, TravelProfile profile)
    {
        string highway = way.Highway;
        if (way.Tag("area") == "yes")
        {
            return false;
        }

        switch (profile)
        {
            case TravelProfile.Van:
                if (!VanClasses.Contains(highway) || (highway == "track" && !GoodTrack(way)))
                {
                    return false;
                }

                return Allowed(way, "access", "vehicle", "motor_vehicle", "motorcar");
            case TravelProfile.Motorbike:
                if (highway is "motorway" or "motorway_link")
                {
                    // Motorbikes are banned from Vietnamese expressways.
                    return false;
                }

                if (!VanClasses.Contains(highway) && !MotorbikeExtra.Contains(highway))
                {
                    return false;
                }

                return Allowed(way, "access", "vehicle", "motor_vehicle", "motorcycle");
            default:
                return !WalkingExcluded.Contains(highway) && Allowed(way, "access", "foot");
        }
    }

    // The most specific tag present decides (access < vehicle < motor_vehicle < motorcar), as in OSM.
    private static bool Allowed(RoadWay way, params string[] keysGeneralFirst)
    {
        bool allowed = true;
        foreach (string key in keysGeneralFirst)
        {
            string? v = way.Tag(key);
            if (v is null)
            {
                continue;
            }

            if (Denied.Contains(v))
            {
                allowed = false;
            }
            else if (Granted.Contains(v))
            {
                allowed = true;
            }
        }

        return allowed;
    }

    private static bool GoodTrack(RoadWay way) =>
        way.Tag("tracktype") is "grade1" or "grade2" || SpeedTable.SurfaceOf(way) == SurfaceClass.Paved && way.Tag("surface") is not null;
}
