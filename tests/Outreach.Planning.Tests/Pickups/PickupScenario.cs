using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Planning.Pickups;
using Outreach.Solver.Routing;
using GeoProfile = Outreach.Geo.Roads.TravelProfile;

namespace Outreach.Planning.Tests.Pickups;

/// <summary>
/// A tiny named pickup day whose numbers can be worked out by hand: places lie on a line east of the collection point,
/// a place "x minutes away" is x minutes' drive from it (and |x - y| minutes from a place y minutes away), 600 m per
/// minute (36 km/h). Tuesday 2026-03-10; the collection point opens 07:30-11:30 and 13:30-17:00, so drivers work
/// 06:30-18:30 with the default settings; slots are an hour.
/// </summary>
internal sealed class PickupScenario
{
    public static readonly DateOnly Tuesday = new(2026, 3, 10);
    private static readonly DateTimeOffset BookedAt = new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<GeoPoint, int> _minutesAt = [];
    private readonly List<Site> _sites = [];
    private readonly List<Booking> _bookings = [];
    private readonly List<Vehicle> _vans = [];

    /// <summary>
    /// A busy station's day: 8 vans of 15 seats that may make 8 trips each (so a trip added in the morning does not take
    /// one the afternoon's families were planned on), 8 desks of 12 files an hour, and 12 gates (ids 200-211) 3-25
    /// minutes out; families are booked by the test.
    /// </summary>
    public static PickupScenario BusyDay()
    {
        var day = new PickupScenario(desks: 8, filesPerDeskPerHour: 12) { Settings = PickupSettings.Default with { MaxTripsPerVan = 8 } };
        for (int k = 0; k < 12; k++)
        {
            day.Site(200 + k, $"Trường {k + 1}", 3 + (2 * k));
        }

        for (int v = 1; v <= 8; v++)
        {
            day.Van(v, 15);
        }

        return day;
    }

    public PickupScenario(int desks = 3, int filesPerDeskPerHour = 5, int maxRideMinutes = 45)
    {
        Station = new Station(1, "Công an thử nghiệm", null, null, null, null, "Điểm thu nhận thử nghiệm", Place(0), null,
            desks, filesPerDeskPerHour, maxRideMinutes, 60, null,
            [new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(7, 30), new TimeOnly(11, 30)),
             new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(13, 30), new TimeOnly(17, 0))]);
        _sites.Add(new Site(100, 1, "Điểm thu nhận", SiteKind.CollectionPoint, Place(0), null, false, null));
    }

    public Station Station { get; set; }

    public PickupSettings Settings { get; set; } = PickupSettings.Default;

    public IReadOnlyList<Booking> Bookings => _bookings;

    /// <summary>A school gate (or other site) <paramref name="minutes"/> from the collection point.</summary>
    public long Site(long id, string name, int minutes)
    {
        _sites.Add(new Site(id, 1, name, SiteKind.School, Place(minutes), null, false, null));
        return id;
    }

    public void Van(long id, int seats, int wheelchairPlaces = 0, int childSeats = 0) =>
        _vans.Add(new Vehicle(id, 1, $"Xe {id}", null, seats, wheelchairPlaces, childSeats, VehicleProfile.Van));

    /// <summary>A booking at a site; bookings are made in the order they are added (first come, first served).</summary>
    public Booking Book(long id, long siteId, int children, int guardians, int slotHour, BookingNeeds needs = BookingNeeds.None) =>
        Add(id, siteId, null, children, guardians, slotHour, needs);

    /// <summary>An "at my home" booking <paramref name="minutes"/> from the collection point.</summary>
    public Booking BookHome(long id, int minutes, int children, int guardians, int slotHour, BookingNeeds needs = BookingNeeds.None) =>
        Add(id, null, Place(minutes), children, guardians, slotHour, needs);

    public void Cancel(long id)
    {
        int i = _bookings.FindIndex(b => b.Id == id);
        _bookings[i] = _bookings[i] with { Status = BookingStatus.Cancelled };
    }

    public PickupPlanRequest Request(PlanContent? published = null, long iterations = 3000)
    {
        var points = PickupPoints.Collect(Station, _bookings, _sites);
        return new PickupPlanRequest
        {
            Station = Station,
            Date = Tuesday,
            Vans = _vans,
            Bookings = _bookings,
            Sites = _sites,
            Points = points,
            Travel = Matrix(points),
            Settings = Settings,
            Published = published,
            Search = new SearchOptions { Seed = 1, MaxIterations = iterations },
        };
    }

    /// <summary>Plans and asserts the independent feasibility checker accepts the solver's solution.</summary>
    public PickupPlanResult Plan(PlanContent? published = null, long iterations = 3000)
    {
        var result = PickupPlanner.Plan(Request(published, iterations));
        Assert.Empty(result.CheckerErrors);
        Assert.True(result.Plan.Warnings.Count == 0, string.Join("\n", result.Plan.Warnings));
        return result;
    }

    /// <summary>The plan as text, for assertion messages: one line per stop.</summary>
    public static string Describe(PickupPlan plan)
    {
        var text = new System.Text.StringBuilder();
        foreach (var trip in plan.Trips)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"van {trip.VehicleId} trip {trip.TripNumber}:").AppendLine();
            foreach (var s in trip.Stops)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"  {s.Sequence} {PlanClock.Hhmm(s.ArrivalSeconds)}-{PlanClock.Hhmm(s.DepartureSeconds)} {s.Kind} booking {s.BookingId} site {s.SiteId} seats {s.SeatsAfter}").AppendLine();
            }
        }

        foreach (var u in plan.Unserved)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"unserved {u.BookingId} {u.Code}: {u.ReasonEn}").AppendLine();
        }

        return text.ToString();
    }

    private Booking Add(long id, long? siteId, GeoPoint? home, int children, int guardians, int slotHour, BookingNeeds needs)
    {
        var at = BookedAt.AddMinutes(_bookings.Count);
        var booking = new Booking(id, $"CODE{id:00}", 1, siteId, home, home is null ? null : "gần chợ", children, guardians, needs,
            Tuesday, new TimeOnly(slotHour, 0), "Lan", "0912345678", "vi", BookingStatus.Confirmed, at, at);
        _bookings.Add(booking);
        return booking;
    }

    private GeoPoint Place(int minutes)
    {
        var point = new GeoPoint(105.0 + (minutes * 0.001), 21.0);
        _minutesAt[point] = minutes;
        return point;
    }

    private TravelMatrix Matrix(PickupPoints points)
    {
        int n = points.Count;
        var seconds = new int[n * n];
        var metres = new int[n * n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                int minutes = Math.Abs(_minutesAt[points.Locations[a]] - _minutesAt[points.Locations[b]]);
                seconds[(a * n) + b] = minutes * 60;
                metres[(a * n) + b] = minutes * 600;
            }
        }

        return new TravelMatrix(n, GeoProfile.Van, seconds, metres, false, "test line");
    }
}
