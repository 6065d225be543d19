using Outreach.Geo.Roads;

namespace Outreach.Geo.Elevation;

/// <summary>
/// Speed factors (0..1] for climbing and descending, by profile and surface, from the climb and descent in metres
/// over a segment's length. Walking follows Tobler's hiking function relative to the flat; vans and motorbikes lose
/// speed on steep grades, much more on unpaved tracks (traction, hairpins) than on paved roads. Assumptions for
/// planning, not measurements. Stateless and thread-safe.
/// </summary>
public static class SlopeFactors
{
    /// <summary>Factor for travelling a segment of <paramref name="metres"/> that climbs and descends the given metres in the direction of travel.</summary>
    public static double Factor(TravelProfile profile, SurfaceClass surface, double metres, double climbMetres, double descentMetres)
    {
        if (metres <= 1)
        {
            return 1;
        }

        double up = climbMetres / metres, down = descentMetres / metres;
        if (profile == TravelProfile.Walking)
        {
            // Tobler: v = 6 exp(-3.5 |g + 0.05|) km/h, 5.04 km/h on the flat; climbs and descents weighed separately.
            double flat = Math.Exp(-3.5 * 0.05);
            double grade = up - down;
            return Math.Clamp(Math.Exp(-3.5 * Math.Abs(grade + 0.05)) / flat, 0.15, 1.0);
        }

        bool paved = surface == SurfaceClass.Paved;
        double upLoss = Math.Max(0, up - (paved ? 0.06 : 0.04)) * (paved ? 2.5 : 5.0);
        double downLoss = Math.Max(0, down - (paved ? 0.08 : 0.06)) * (paved ? 1.5 : 3.0);
        return Math.Clamp(1 - upLoss - downLoss, paved ? 0.5 : 0.3, 1.0);
    }
}
