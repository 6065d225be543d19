using Outreach.Domain;

namespace Outreach.Planning.Versions;

/// <summary>What happened to one family or visit between two versions.</summary>
public enum PlanChangeKind
{
    /// <summary>On the new version, not on the old one (a new booking, or one that now fits).</summary>
    Added,

    /// <summary>On the old version, not on the new one (cancelled, or no longer served: see the reason).</summary>
    Removed,

    /// <summary>On both, at another time, or with another van, trip or team.</summary>
    Moved,
}

/// <summary>Where and when an item is on a version: its van's trip or team's day, and the time told (pickup, or the team's arrival).</summary>
/// <param name="Resource">Van or team.</param>
/// <param name="ResourceId">The vehicle or team.</param>
/// <param name="Date">The local date.</param>
/// <param name="TripNumber">The van's trip (1-based); the team's day has one.</param>
/// <param name="Time">The van at the family's pickup point, or the team at the visit.</param>
/// <param name="SiteId">Where (the pickup site or visit site), or null for a home pin.</param>
public sealed record PlacedItem(PlanResourceKind Resource, long ResourceId, DateOnly Date, int TripNumber, DateTimeOffset Time, long? SiteId);

/// <summary>One change between two versions.</summary>
/// <param name="Kind">Added, removed or moved.</param>
/// <param name="Item">Booking or visit request.</param>
/// <param name="ItemId">The booking or visit request.</param>
/// <param name="Repeat">A team's return visit (for people the first visit could not capture).</param>
/// <param name="Before">On the old version, or null (added).</param>
/// <param name="After">On the new version, or null (removed).</param>
/// <param name="ReasonVi">Why it is no longer on the plan (the new version's unserved reason), Vietnamese; null otherwise.</param>
/// <param name="ReasonEn">The same in English.</param>
public sealed record PlanChange(
    PlanChangeKind Kind, UnservedItemKind Item, long ItemId, bool Repeat, PlacedItem? Before, PlacedItem? After, string? ReasonVi = null, string? ReasonEn = null)
{
    /// <summary>Minutes the told time moved (positive: later); 0 unless both versions have it.</summary>
    public int MinutesMoved => Before is { } b && After is { } a ? (int)Math.Round((a.Time - b.Time).TotalMinutes) : 0;

    /// <summary>Another van, team or day.</summary>
    public bool Reassigned => Before is { } b && After is { } a
        && (b.Resource != a.Resource || b.ResourceId != a.ResourceId || b.Date != a.Date);
}

/// <summary>
/// The differences between two versions of one station's plan (pickups or visits): per family (booking) or visit,
/// whether it was added, removed (with the new version's reason) or moved (its told time by a minute or more, or its van,
/// team, day or place; a trip renumbered because the van makes another trip earlier is no move), in time order. What is the same on both is counted, not listed. Stateless and thread-safe.
/// </summary>
public sealed record PlanDiff(IReadOnlyList<PlanChange> Changes, int Compared)
{
    /// <summary>Items on the old version that are on the new one at the same place and minute.</summary>
    public int Kept => Compared - Changes.Count(c => c.Kind != PlanChangeKind.Added);

    /// <summary>Share of the old version's items that moved or left (0 when the old version had none).</summary>
    public double ShareChanged => Compared == 0 ? 0 : (double)(Compared - Kept) / Compared;

    /// <summary>No change at all.</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>
    /// Whether the new version keeps every item of the old one, each within <paramref name="tolerance"/> of its told time
    /// (van, trip and team may change: the family and the contact are told a time and a place). Added items are fine, and
    /// so is one gone from the day altogether (cancelled or moved away: the new version has no reason for it); one the new
    /// version leaves out is not.
    /// </summary>
    public bool KeepsEveryTimeWithin(TimeSpan tolerance) => Changes.All(c => c.Kind switch
    {
        PlanChangeKind.Added => true,
        PlanChangeKind.Removed => c.ReasonVi is null,
        _ => (c.After!.Time - c.Before!.Time).Duration() <= tolerance && c.Before.Date == c.After.Date && c.Before.SiteId == c.After.SiteId,
    });

    /// <summary>The changes from <paramref name="before"/> (null: an empty plan) to <paramref name="after"/>.</summary>
    public static PlanDiff Between(PlanContent? before, PlanContent after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var old = before is null ? [] : Items(before);
        var now = Items(after);
        var changes = new List<PlanChange>();
        foreach (var (key, was) in old)
        {
            if (!now.TryGetValue(key, out var @is))
            {
                var unserved = after.Unserved.FirstOrDefault(u => u.ItemKind == key.Item && u.ItemId == key.Id);
                changes.Add(new PlanChange(PlanChangeKind.Removed, key.Item, key.Id, key.Repeat, was, null, unserved?.ReasonVi, unserved?.ReasonEn));
            }
            // Trip numbers count a van's trips in time order: a trip added earlier in the day renumbers the later ones
            // without moving anyone, so a new number alone is no change.
            else if (Math.Abs((@is.Time - was.Time).TotalSeconds) >= 60 || was.Resource != @is.Resource || was.ResourceId != @is.ResourceId
                || was.Date != @is.Date || was.SiteId != @is.SiteId)
            {
                changes.Add(new PlanChange(PlanChangeKind.Moved, key.Item, key.Id, key.Repeat, was, @is));
            }
        }

        foreach (var (key, @is) in now)
        {
            if (!old.ContainsKey(key))
            {
                changes.Add(new PlanChange(PlanChangeKind.Added, key.Item, key.Id, key.Repeat, null, @is));
            }
        }

        var ordered = changes
            .OrderBy(c => (c.Before ?? c.After)!.Time)
            .ThenBy(c => c.ItemId)
            .ToList();
        return new PlanDiff(ordered, old.Count);
    }

    private readonly record struct ItemKey(UnservedItemKind Item, long Id, bool Repeat);

    /// <summary>
    /// Each family's pickup (its first pickup stop) and each visit (first, and the first return visit), at the time the
    /// route sheet shows for it (<see cref="SheetTimes"/>).
    /// </summary>
    private static Dictionary<ItemKey, PlacedItem> Items(PlanContent content)
    {
        var items = new Dictionary<ItemKey, PlacedItem>();
        foreach (var (stop, told) in SheetTimes.Of(content))
        {
            ItemKey key;
            if (stop.BookingId is { } booking && stop.Kind == StopKind.Pickup)
            {
                key = new ItemKey(UnservedItemKind.Booking, booking, false);
            }
            else if (stop.VisitRequestId is { } visit && stop.Kind == StopKind.Visit)
            {
                key = new ItemKey(UnservedItemKind.VisitRequest, visit, stop.IsRepeatVisit);
            }
            else
            {
                continue;
            }

            var placed = new PlacedItem(stop.ResourceKind, stop.ResourceId, stop.Date, stop.TripNumber, told, stop.SiteId);
            if (!items.TryGetValue(key, out var earlier) || placed.Time < earlier.Time)
            {
                items[key] = placed;
            }
        }

        return items;
    }
}
