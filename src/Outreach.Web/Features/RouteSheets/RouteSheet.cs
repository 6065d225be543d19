using System.Globalization;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Everything a driver (or a mobile team) needs for one trip of a saved plan: the stops in order with times, places,
/// who gets on or off, seats in use, and the map. Built from a <see cref="PlanContent"/> by
/// <see cref="RouteSheetBuilder"/>; the phone page, the A4 print page and the PDF all render this one record, so the
/// three never disagree. Times are instants; <see cref="SheetStop.ArrivalText"/> shows them in Asia/Ho_Chi_Minh.
/// </summary>
/// <param name="Key">Which plan version, resource, date and trip.</param>
/// <param name="Plan">The plan version (draft or published).</param>
/// <param name="Station">The station the plan belongs to (its collection point is where vans start and end).</param>
/// <param name="Resource">The van or team.</param>
/// <param name="Stops">Stops in travel order, numbered from 1 as on the map.</param>
/// <param name="Totals">Sums over the trip.</param>
/// <param name="Map">The trip's map geometry (<see cref="RouteMap.Empty"/> until <see cref="RouteSheetService"/> adds it).</param>
/// <param name="NewerVersion">The number of a later published version of the same plan period, if one exists: this sheet is then out of date.</param>
/// <param name="Crew">For a team: its officers on the sheet's date (who leads, who is on leave) and kits in use; null for a van.</param>
public sealed record RouteSheet(
    TripKey Key,
    Plan Plan,
    Station Station,
    SheetResource Resource,
    IReadOnlyList<SheetStop> Stops,
    SheetTotals Totals,
    RouteMap Map,
    int? NewerVersion = null,
    SheetCrew? Crew = null)
{
    /// <summary>A mobile team's day (visits), not a van trip.</summary>
    public bool IsTeam => Resource.Kind == PlanResourceKind.Team;

    /// <summary>When the trip leaves its first stop.</summary>
    public DateTimeOffset Departure => Stops.Count == 0 ? default : Stops[0].Departure;

    /// <summary>When it reaches its last stop.</summary>
    public DateTimeOffset Return => Stops.Count == 0 ? default : Stops[^1].Arrival;

    /// <summary>Every party (booking) on the trip once, in the order they first appear.</summary>
    public IReadOnlyList<SheetParty> Parties =>
        Stops.SelectMany(s => s.Boarding.Concat(s.Alighting)).DistinctBy(p => p.BookingId).ToList();
}

/// <summary>The van or team a sheet is for.</summary>
/// <param name="Kind">Vehicle or team.</param>
/// <param name="Id">Vehicle or team id.</param>
/// <param name="Name">Its name ("Xe đón 1 (16 chỗ)", "Tổ lưu động 2").</param>
/// <param name="Plate">Number plate, if known.</param>
/// <param name="SeatCount">Passenger seats (vans), or null for a team.</param>
/// <param name="Profile">How it travels on the roads (van or motorbike).</param>
/// <param name="MemberCount">Officers in the team (0 for a van).</param>
public sealed record SheetResource(PlanResourceKind Kind, long Id, string Name, string? Plate, int? SeatCount, VehicleProfile Profile, int MemberCount);

/// <summary>
/// One numbered stop. Consecutive plan rows at the same place (several families at one school gate) are one stop
/// here, as a driver sees it; <see cref="Rows"/> keeps the plan rows it came from.
/// </summary>
/// <param name="Number">1-based position in the trip, the number drawn on the map.</param>
/// <param name="Kind">What happens here (the first row's kind other than start/end, if any).</param>
/// <param name="IsStart">The trip starts here.</param>
/// <param name="IsEnd">The trip ends here.</param>
/// <param name="Arrival">Arrival at the stop.</param>
/// <param name="Departure">Departure from the stop.</param>
/// <param name="Place">Where.</param>
/// <param name="Boarding">Families getting on.</param>
/// <param name="Alighting">Families getting off.</param>
/// <param name="BoardingCount">People getting on (from the plan rows).</param>
/// <param name="AlightingCount">People getting off.</param>
/// <param name="SeatsAfter">Seats in use when leaving the stop.</param>
/// <param name="Visit">For a team visit: who is captured and the set-up time.</param>
/// <param name="Rows">The plan rows merged into this stop.</param>
public sealed record SheetStop(
    int Number,
    StopKind Kind,
    bool IsStart,
    bool IsEnd,
    DateTimeOffset Arrival,
    DateTimeOffset Departure,
    SheetPlace Place,
    IReadOnlyList<SheetParty> Boarding,
    IReadOnlyList<SheetParty> Alighting,
    int BoardingCount,
    int AlightingCount,
    int SeatsAfter,
    SheetVisit? Visit,
    IReadOnlyList<PlanStop> Rows)
{
    /// <summary>Arrival in Vietnam time, 24-hour ("08:05").</summary>
    public string ArrivalText => LocalTime.FormatTime(Arrival);

    /// <summary>Departure in Vietnam time, 24-hour.</summary>
    public string DepartureText => LocalTime.FormatTime(Departure);

    /// <summary>Minutes spent at the stop.</summary>
    public int DwellMinutes => (int)Math.Round((Departure - Arrival).TotalMinutes);

    /// <summary>
    /// A mobile team back at the station between two visits (the planner sends it back across long gaps): arrival is
    /// when it is back, departure when it leaves again.
    /// </summary>
    public bool IsStationBreak => Kind == StopKind.CollectionPoint && !IsStart && !IsEnd && Visit is null
        && Rows.Count > 0 && Rows.All(r => r.ResourceKind == PlanResourceKind.Team);

    /// <summary>For a visit: minutes between set-up done and capture start (people not home yet, the window not open); else 0.</summary>
    public int WaitMinutes => Visit is { } v ? Math.Max(0, (int)Math.Round((v.CaptureStarts - Arrival).TotalMinutes) - v.SetupMinutes) : 0;
}

/// <summary>Where a stop is.</summary>
/// <param name="Name">Site name, or the station's collection point, or "home of" for a home pickup.</param>
/// <param name="Kind">The site's kind; null for a home pickup without a site.</param>
/// <param name="Address">The collection point's address, or the site's note (e.g. street and number from OpenStreetMap).</param>
/// <param name="UnitName">The commune or ward the site lies in, from the map area's unit list.</param>
/// <param name="Location">Position (WGS84).</param>
/// <param name="IsIllustrativePosition">The position is illustrative (no real coordinates exist): pages must say so.</param>
/// <param name="HomeAddressNote">For a home pickup: the family's own address note ("hẻm 12, nhà cổng xanh").</param>
public sealed record SheetPlace(
    string Name,
    SiteKind? Kind,
    string? Address,
    string? UnitName,
    GeoPoint Location,
    bool IsIllustrativePosition,
    string? HomeAddressNote)
{
    /// <summary>A geo: URI (RFC 5870) that phone map apps open with a pin: "geo:10.77712,106.69055?q=10.77712,106.69055".</summary>
    public string GeoUri
    {
        get
        {
            var c = Coordinates.Replace(" ", "", StringComparison.Ordinal);
            return $"geo:{c}?q={c}";
        }
    }

    /// <summary>
    /// Google Maps directions to the stop ("https://www.google.com/maps/dir/?api=1&amp;destination=10.77712,106.69055"):
    /// the one address that opens a navigation app on both Android and iPhone (Google Maps where installed, else the
    /// browser); iPhones ignore <see cref="GeoUri"/>, which stays as the second choice for other Android map apps.
    /// </summary>
    public string DirectionsUrl => "https://www.google.com/maps/dir/?api=1&destination=" + Coordinates.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Latitude, longitude in decimal degrees with 5 decimals (about 1 m), for reading out or typing in.</summary>
    public string Coordinates => string.Create(CultureInfo.InvariantCulture, $"{Location.Latitude:0.00000}, {Location.Longitude:0.00000}");
}

/// <summary>One family (booking) getting on or off: only what the driver needs.</summary>
/// <param name="BookingId">Booking id.</param>
/// <param name="Code">The booking code the family can read out.</param>
/// <param name="FirstName">Contact's first name.</param>
/// <param name="Children">Children aged 6-14.</param>
/// <param name="Guardians">Parents or guardians riding with them.</param>
/// <param name="Phone">Contact phone (national form), for tap-to-call.</param>
/// <param name="Needs">Wheelchair, must be carried, child seat.</param>
/// <param name="Status">The booking's status now: a cancelled or moved booking stays on a published sheet, marked.</param>
/// <param name="IsOff">The family will not come on this trip: cancelled, or moved to another date after the plan was made.</param>
public sealed record SheetParty(
    long BookingId,
    string Code,
    string FirstName,
    int Children,
    int Guardians,
    string Phone,
    BookingNeeds Needs,
    BookingStatus Status,
    bool IsOff)
{
    public int Seats => Children + Guardians;

    /// <summary>The phone grouped for reading ("0912 345 678").</summary>
    public string PhoneText => Phone.Length == 10 ? $"{Phone[..4]} {Phone[4..7]} {Phone[7..]}" : Phone;
}

/// <summary>
/// A team's visit at a stop: arrive, set up (unless the team goes on where it already is), capture from
/// <see cref="CaptureStarts"/> until the stop's departure. A stop that both captures for the first time and retries
/// earlier failed captures is one visit here (the plan stores it as two rows with the same times).
/// </summary>
/// <param name="VisitRequestId">The visit request served.</param>
/// <param name="Served">People captured for the first time on this visit.</param>
/// <param name="Repeats">People captured again because an earlier capture is expected to have failed (a repeat visit).</param>
/// <param name="Captured">First captures by applicant category, when the plan split them.</param>
/// <param name="RepeatCaptured">Repeats by applicant category, when the plan split them.</param>
/// <param name="Applicants">Applicants the request has in all.</param>
/// <param name="SetupMinutes">Set-up time before capturing starts; 0 when <paramref name="ContinuesOnSite"/>.</param>
/// <param name="ContinuesOnSite">The team was already set up here (the previous stop was the same site and ended on arrival).</param>
/// <param name="CaptureStarts">When capture starts (after set-up and any wait).</param>
/// <param name="Presence">Who must be there (doctor, relative, village head).</param>
/// <param name="Note">The request's note.</param>
/// <param name="ContactName">Who agreed the time (village head, relative, centre staff): for the team to call.</param>
/// <param name="ContactPhone">Their phone (national form), or null.</param>
public sealed record SheetVisit(
    long VisitRequestId,
    int Served,
    int Repeats,
    CategoryCounts? Captured,
    CategoryCounts? RepeatCaptured,
    int Applicants,
    int SetupMinutes,
    bool ContinuesOnSite,
    DateTimeOffset CaptureStarts,
    RequiredPresence Presence,
    string? Note,
    string? ContactName,
    string? ContactPhone)
{
    /// <summary>Only repeats: the team comes back for captures that failed earlier.</summary>
    public bool IsRepeatOnly => Served == 0 && Repeats > 0;

    /// <summary>Capture start in Vietnam time ("17:50").</summary>
    public string CaptureStartsText => LocalTime.FormatTime(CaptureStarts);

    /// <summary>The contact phone grouped for reading ("0912 345 678").</summary>
    public string? ContactPhoneText => ContactPhone is { Length: 10 } p ? $"{p[..4]} {p[4..7]} {p[7..]}" : ContactPhone;
}

/// <summary>A team's people on the sheet's date, by the rules of <see cref="Planning.Visits.TeamDay"/> and <see cref="Jobs.Visits.TeamLeads"/>.</summary>
/// <param name="Members">The team's officers found in the roster, in the team's order.</param>
/// <param name="Kits">Capture kits the team owns.</param>
/// <param name="KitsInUse">Kits that have a capture operator present that day.</param>
/// <param name="UnavailableVi">Why the team cannot go out that day under today's roster (leave entered after planning), or null.</param>
/// <param name="UnavailableEn">The same in English.</param>
public sealed record SheetCrew(IReadOnlyList<SheetMember> Members, int Kits, int KitsInUse, string? UnavailableVi, string? UnavailableEn)
{
    /// <summary>The member leading the team that day, or null when no team lead is present.</summary>
    public SheetMember? Lead => Members.FirstOrDefault(m => m.IsLead);

    /// <summary>Fewer kits in use than owned (capture operators on leave): capture is slower.</summary>
    public bool IsShortHanded => UnavailableVi is null && KitsInUse < Kits;
}

/// <summary>An officer of a team: name only (phones stay off the sheet).</summary>
public sealed record SheetMember(long OfficerId, string Name, bool IsLead, bool OnLeave);

/// <summary>Sums over a trip.</summary>
/// <param name="StopCount">Numbered stops.</param>
/// <param name="BookingCount">Distinct bookings carried.</param>
/// <param name="Children">Children carried.</param>
/// <param name="Guardians">Guardians carried.</param>
/// <param name="PeakSeats">Most seats in use at once.</param>
/// <param name="SeatCapacity">The van's seats, or null for a team.</param>
/// <param name="Served">People captured for the first time (team visits).</param>
/// <param name="Repeats">People captured again on repeat visits (team visits).</param>
/// <param name="Visits">Visit stops (team visits).</param>
public sealed record SheetTotals(int StopCount, int BookingCount, int Children, int Guardians, int PeakSeats, int? SeatCapacity, int Served,
    int Repeats = 0, int Visits = 0)
{
    /// <summary>Peak seats over seats (0..1), or null without a capacity.</summary>
    public double? Utilisation => SeatCapacity is > 0 ? (double)PeakSeats / SeatCapacity.Value : null;
}
