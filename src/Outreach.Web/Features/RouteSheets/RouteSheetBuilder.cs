using System.Globalization;
using Outreach.Domain;
using Outreach.Geo;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>The facts a sheet needs beside the plan rows, loaded by <see cref="RouteSheetService"/> (or built by hand in tests).</summary>
/// <param name="Station">The plan's station.</param>
/// <param name="Resource">The van or team of the trip.</param>
/// <param name="Sites">Sites by id (at least those the rows and bookings name).</param>
/// <param name="Bookings">Bookings by id (at least those the rows name).</param>
/// <param name="VisitRequests">Visit requests by id (team sheets).</param>
/// <param name="UnitNames">Commune/ward names by unit code, from the map area's units.json (may be empty).</param>
/// <param name="Crew">A team's people on the trip's date (team sheets), or null.</param>
public sealed record SheetFacts(
    Station Station,
    SheetResource Resource,
    IReadOnlyDictionary<long, Site> Sites,
    IReadOnlyDictionary<long, Domain.Booking> Bookings,
    IReadOnlyDictionary<long, VisitRequest> VisitRequests,
    IReadOnlyDictionary<string, string> UnitNames,
    SheetCrew? Crew = null);

/// <summary>
/// Turns the plan rows of one trip into a <see cref="RouteSheet"/>: rows in sequence order, consecutive rows at the
/// same place merged into one numbered stop (several families at one school gate are one stop for the driver), each
/// booking shown where it boards or alights, seats in use after each stop as the plan computed them. A team's visit
/// rows are one stop per visit: the two rows of a stop that both captures and retries (same request, same times)
/// merge into one, and a visit right after one at the same site needs no new set-up. Pure and
/// stateless; the map is added by <see cref="RouteSheetService"/>.
/// </summary>
public static class RouteSheetBuilder
{
    /// <summary>Within this distance a site counts as the station's collection point (and inherits its illustrative flag).</summary>
    private const double SamePlaceMetres = 30;

    /// <summary>The sheet of <paramref name="key"/>, or null when the plan has no rows for it.</summary>
    public static RouteSheet? Build(PlanContent content, TripKey key, SheetFacts facts)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(facts);
        if (key.PlanId != content.Plan.Id)
        {
            return null;
        }

        var rows = content.Stops
            .Where(s => s.ResourceKind == key.ResourceKind && s.ResourceId == key.ResourceId && s.Date == key.Date && s.TripNumber == key.TripNumber)
            .OrderBy(s => s.Sequence)
            .ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var groups = new List<List<(PlanStop Row, SheetPlace Place, string PlaceKey)>>();
        foreach (var row in rows)
        {
            var place = PlaceOf(row, facts);
            // Visits merge only with the other row of the same capture-and-retry stop; other rows by place.
            var placeKey = row.Kind == StopKind.Visit
                ? string.Create(CultureInfo.InvariantCulture, $"visit:{row.VisitRequestId}:{row.Arrival.UtcTicks}:{row.Departure.UtcTicks}")
                : PlaceKey(place.Location);
            if (groups.Count > 0 && groups[^1][^1].PlaceKey == placeKey)
            {
                groups[^1].Add((row, place, placeKey));
            }
            else
            {
                groups.Add([(row, place, placeKey)]);
            }
        }

        var stops = new List<SheetStop>(groups.Count);
        foreach (var group in groups)
        {
            var groupRows = group.Select(g => g.Row).ToList();
            var boarding = new List<SheetParty>();
            var alighting = new List<SheetParty>();
            foreach (var row in groupRows)
            {
                if (row.BookingId is not { } bookingId || !facts.Bookings.TryGetValue(bookingId, out var booking))
                {
                    continue;
                }

                var party = PartyOf(booking, key.Date);
                bool boards = row.BoardingCount > 0 || (row.BoardingCount == 0 && row.AlightingCount == 0 && row.Kind == StopKind.Pickup);
                bool alights = row.AlightingCount > 0 || (row.BoardingCount == 0 && row.AlightingCount == 0 && row.Kind == StopKind.DropOff);
                if (boards && boarding.TrueForAll(p => p.BookingId != bookingId))
                {
                    boarding.Add(party);
                }

                if (alights && alighting.TrueForAll(p => p.BookingId != bookingId))
                {
                    alighting.Add(party);
                }
            }

            var visit = VisitOf(groupRows, stops.Count > 0 ? stops[^1] : null, facts);
            var kind = groupRows.Select(r => r.Kind).FirstOrDefault(k => k is not StopKind.Start and not StopKind.End, groupRows[0].Kind);
            // The most specific place of the group: a named site beats the station's collection point.
            var place = group.Select(g => g.Place).FirstOrDefault(p => p.Kind is not SiteKind.CollectionPoint, group[0].Place);
            stops.Add(new SheetStop(
                Number: stops.Count + 1,
                Kind: kind,
                IsStart: groupRows.Exists(r => r.Kind == StopKind.Start),
                IsEnd: groupRows.Exists(r => r.Kind == StopKind.End),
                Arrival: groupRows[0].Arrival,
                Departure: groupRows[^1].Departure,
                Place: place,
                Boarding: boarding,
                Alighting: alighting,
                BoardingCount: groupRows.Sum(r => r.BoardingCount),
                AlightingCount: groupRows.Sum(r => r.AlightingCount),
                SeatsAfter: groupRows[^1].LoadAfterStopSeats,
                Visit: visit,
                Rows: groupRows));
        }

        var parties = stops.SelectMany(s => s.Boarding.Concat(s.Alighting)).DistinctBy(p => p.BookingId).ToList();
        var totals = new SheetTotals(
            StopCount: stops.Count,
            BookingCount: parties.Count,
            Children: parties.Sum(p => p.Children),
            Guardians: parties.Sum(p => p.Guardians),
            PeakSeats: rows.Max(r => r.LoadAfterStopSeats),
            SeatCapacity: facts.Resource.SeatCount,
            Served: rows.Where(r => !r.IsRepeatVisit).Sum(r => r.ServedCount),
            Repeats: rows.Where(r => r.IsRepeatVisit).Sum(r => r.ServedCount),
            Visits: stops.Count(s => s.Visit is not null));
        return new RouteSheet(key, content.Plan, facts.Station, facts.Resource, stops, totals, RouteMap.Empty, Crew: facts.Crew);
    }

    /// <summary>The visit of a stop's rows (first captures and repeats summed), or null when none is a known visit.</summary>
    private static SheetVisit? VisitOf(List<PlanStop> rows, SheetStop? previous, SheetFacts facts)
    {
        var visits = rows.Where(r => r.Kind == StopKind.Visit && r.VisitRequestId is not null).ToList();
        if (visits.Count == 0 || !facts.VisitRequests.TryGetValue(visits[0].VisitRequestId!.Value, out var request))
        {
            return null;
        }

        var first = visits.Where(r => !r.IsRepeatVisit).ToList();
        var repeat = visits.Where(r => r.IsRepeatVisit).ToList();
        // The previous stop was a visit at the same site (a second session, after the centre's lunch break, say): the
        // kit is still set up, and the planner (VisitPlanReader) counted no set-up either.
        bool continues = previous?.Visit is not null && previous.Rows.Any(r => r.Kind == StopKind.Visit && r.SiteId == visits[0].SiteId);
        return new SheetVisit(
            request.Id,
            first.Sum(r => r.ServedCount),
            repeat.Sum(r => r.ServedCount),
            Sum(first),
            Sum(repeat),
            request.ApplicantCount,
            continues ? 0 : request.SetupMinutes,
            continues,
            visits.Min(r => r.ServiceStart ?? r.Arrival),
            request.RequiredPresence,
            request.Note,
            request.ContactName,
            request.ContactPhone);
    }

    private static CategoryCounts? Sum(List<PlanStop> rows) =>
        rows.Count == 0 || rows.Exists(r => r.ServedByCategory is null) ? null : rows.Aggregate(default(CategoryCounts), (sum, r) => sum.Add(r.ServedByCategory!.Value));

    private static SheetParty PartyOf(Domain.Booking booking, DateOnly tripDate) => new(
        booking.Id,
        booking.Code,
        booking.ContactFirstName,
        booking.ChildCount,
        booking.GuardianCount,
        booking.Phone,
        booking.Needs,
        booking.Status,
        IsOff: booking.Status == BookingStatus.Cancelled || booking.Date != tripDate);

    /// <summary>
    /// Where a row is: its site; for a pickup or drop-off of a booking without a site, the family's pin and address
    /// note; for a visit, the visit request's site; otherwise (start, end, collection point) the station's collection point.
    /// </summary>
    private static SheetPlace PlaceOf(PlanStop row, SheetFacts facts)
    {
        if (row.SiteId is { } siteId && facts.Sites.TryGetValue(siteId, out var site))
        {
            return SitePlace(site, facts);
        }

        if (row.Kind == StopKind.Visit && row.VisitRequestId is { } visitId && facts.VisitRequests.TryGetValue(visitId, out var request)
            && facts.Sites.TryGetValue(request.SiteId, out var visitSite))
        {
            return SitePlace(visitSite, facts);
        }

        if (row.Kind is StopKind.Pickup or StopKind.DropOff && row.BookingId is { } bookingId && facts.Bookings.TryGetValue(bookingId, out var booking))
        {
            if (booking.PickupSiteId is { } pickupSiteId && facts.Sites.TryGetValue(pickupSiteId, out var pickupSite))
            {
                return SitePlace(pickupSite, facts);
            }

            if (booking.PickupLocation is { } pin)
            {
                return new SheetPlace(booking.ContactFirstName, SiteKind.Home, null, null, pin, false, booking.AddressNote);
            }
        }

        return CollectionPoint(facts);
    }

    private static SheetPlace SitePlace(Site site, SheetFacts facts)
    {
        var cp = facts.Station.CollectionPointLocation;
        // A collection-point site a few metres from the station's own position is the same stop as the start and end.
        bool isStation = site.Kind == SiteKind.CollectionPoint
            && Geodesy.HaversineMetres(site.Location.Longitude, site.Location.Latitude, cp.Longitude, cp.Latitude) < SamePlaceMetres;
        return new SheetPlace(
            site.Name,
            site.Kind,
            isStation ? facts.Station.CollectionPointAddress ?? site.Note : site.Note,
            site.UnitCode is { } code && facts.UnitNames.TryGetValue(code, out var unit) ? unit : null,
            isStation ? cp : site.Location,
            site.IsIllustrativePosition,
            null);
    }

    private static SheetPlace CollectionPoint(SheetFacts facts)
    {
        var s = facts.Station;
        // The station record has no illustrative flag; a collection-point site at the same place carries it.
        var site = facts.Sites.Values.FirstOrDefault(x => x.Kind == SiteKind.CollectionPoint
            && Geodesy.HaversineMetres(x.Location.Longitude, x.Location.Latitude, s.CollectionPointLocation.Longitude, s.CollectionPointLocation.Latitude) < SamePlaceMetres);
        return new SheetPlace(
            s.CollectionPointName,
            SiteKind.CollectionPoint,
            s.CollectionPointAddress,
            site?.UnitCode is { } code && facts.UnitNames.TryGetValue(code, out var unit) ? unit : null,
            s.CollectionPointLocation,
            site?.IsIllustrativePosition ?? false,
            null);
    }

    // Places within about a metre are the same stop.
    private static string PlaceKey(GeoPoint p) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(p.Latitude, 5):0.00000},{Math.Round(p.Longitude, 5):0.00000}");
}
