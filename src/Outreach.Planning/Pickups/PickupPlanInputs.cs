using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>
/// The fingerprint of a pickup day's inputs (<see cref="Plan.Inputs"/>): everything the planner reads that can change
/// its answer — the station and its settings, the vans, the bookings holding seats (what, where, when, how many, booked
/// when), the sites, every travel time and distance over the points (so the map, the rain, floods and closures are in
/// it through the matrix and its unreachable reasons). Not the published version whose times are kept (the caller
/// compares that itself: publishing the newest version changes nothing to plan), nor the start plan or the search
/// options: those are how the plan is found, not what it must serve. Equal inputs give equal fingerprints; a re-plan
/// whose fingerprint equals the newest version's has nothing new to plan. Stateless and thread-safe.
/// </summary>
public static class PickupPlanInputs
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { WriteIndented = false };

    /// <param name="extra">What else the caller read that the request does not carry (the day's weather fingerprint).</param>
    public static string Fingerprint(PickupPlanRequest request, string? extra = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));

        Add("pickups/1");
        Add(request.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(JsonSerializer.Serialize(request.Station, Json));
        Add(JsonSerializer.Serialize(request.Settings, Json));
        foreach (var van in request.Vans.OrderBy(v => v.Id))
        {
            Add(JsonSerializer.Serialize(van, Json));
        }

        foreach (var b in request.Bookings.Where(b => Booking.HoldsSeats(b.Status)).OrderBy(b => b.Id))
        {
            Add(string.Create(CultureInfo.InvariantCulture,
                $"b {b.Id} {b.Date:yyyy-MM-dd} {b.SlotStart:HH\\:mm} {b.PickupSiteId} {b.PickupLocation?.Longitude:R} {b.PickupLocation?.Latitude:R} {b.ChildCount} {b.GuardianCount} {(int)b.Needs} {b.CreatedAt.UtcTicks}"));
        }

        foreach (var site in request.Sites.OrderBy(s => s.Id))
        {
            Add(string.Create(CultureInfo.InvariantCulture, $"s {site.Id} {site.Kind} {site.Location.Longitude:R} {site.Location.Latitude:R} {site.StationId}"));
        }

        for (int i = 0; i < request.Points.Count; i++)
        {
            var p = request.Points.Coordinates[i];
            Add(string.Create(CultureInfo.InvariantCulture, $"p {p.X:R} {p.Y:R}"));
        }

        var travel = request.Travel;
        Add(string.Create(CultureInfo.InvariantCulture, $"t {travel.Size} {travel.Profile} {travel.IsEstimated} {travel.Source}"));
        hash.AppendData(MemoryMarshal.AsBytes(travel.DurationsSeconds.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(travel.DistancesMetres.AsSpan()));
        foreach (var reason in travel.Reasons)
        {
            Add(reason.ToString() ?? "");
        }

        Add("extra " + (extra ?? "-"));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
