using System.Globalization;
using Microsoft.Data.Sqlite;
using Outreach.Data;
using Outreach.Data.Demo;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Jobs.Pickups;
using Outreach.Planning.Pickups;

namespace Outreach.Bench.Pickups;

/// <summary>One demo day's figures.</summary>
public sealed record PickupDemoDay(DateOnly Date, int Bookings, int People, PickupPlanFigures Figures, IReadOnlyList<UnservedBooking> Unserved, bool Estimated);

/// <summary>
/// `outreach bench pickups --demo`: seeds the demo stations into a temporary SQLite database (the week of Monday
/// 2026-03-09, so figures repeat) and plans every booked day of Sông Công through <see cref="PickupPlanningService"/>,
/// exactly as the app would, printing per day what was served, what not and why, trips and kilometres.
/// </summary>
public static class PickupDemoCheck
{
    private const string SongCong = "Công an thành phố Sông Công";

    /// <param name="printTrips">Also print every trip's stops.</param>
    public static async Task<IReadOnlyList<PickupDemoDay>> RunAsync(string mapsFolder, TimeSpan timeLimit, long seed, bool printTrips, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        using var demo = await DemoPlanning.CreateAsync(mapsFolder, timeLimit, seed, cancellationToken);
        var (stores, seeded, service) = (demo.Stores, demo.Seeded, demo.Service);
        long station = seeded.Stations.Single(s => s.StationName == SongCong).StationId;
        var week = await stores.Bookings.ListAsync(station, seeded.WeekStart, seeded.WeekStart.AddDays(6), cancellationToken: cancellationToken);
        var days = new List<PickupDemoDay>();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demo: {SongCong}, week of {seeded.WeekStart:yyyy-MM-dd}; travel estimated from the city outline (no road data), {timeLimit.TotalSeconds:0.#} s per day"));
        foreach (var date in week.Select(b => b.Date).Distinct().Order())
        {
            var dayBookings = week.Where(b => b.Date == date).ToList();
            var result = await service.PlanDayAsync(station, date, "demo check", cancellationToken);
            // A fresh database: every day is planned for the first time, never kept unchanged.
            var plan = result.Plan ?? throw new InvalidOperationException($"{date:yyyy-MM-dd} was not planned");
            var f = plan.Figures;
            days.Add(new PickupDemoDay(date, dayBookings.Count, dayBookings.Sum(b => b.SeatCount), f, result.Unserved, plan.TravelIsEstimated));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{date:ddd yyyy-MM-dd}: {dayBookings.Count} bookings, {dayBookings.Sum(b => b.SeatCount)} people; served {f.BookingsServed} ({f.PeopleServed} people), unserved {f.BookingsUnserved}; {f.Trips} trips on {f.VansUsed} vans, {f.Metres / 1000.0:0.0} km, max ride {f.MaxRideSeconds / 60.0:0} min, longest wait for the ride home {f.MaxReturnWaitSeconds / 60.0:0} min"));
            if (printTrips)
            {
                PickupPlanText.Write(plan, dayBookings.ToDictionary(b => b.Id, b => b.Code), log);
            }

            foreach (var u in result.Unserved)
            {
                log.WriteLine($"    unserved {dayBookings.Single(b => b.Id == u.BookingId).Code}: {u.Code}: {u.ReasonVi} / {u.ReasonEn}");
            }
        }

        return days;
    }

    public static string Summary(IReadOnlyList<PickupDemoDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return string.Create(CultureInfo.InvariantCulture,
            $"pickups demo: {days.Count} days, {days.Sum(d => d.Bookings)} bookings ({days.Sum(d => d.People)} people): served {days.Sum(d => d.Figures.BookingsServed)}, unserved {days.Sum(d => d.Figures.BookingsUnserved)} (all with reasons: {days.All(d => d.Unserved.All(u => u.ReasonVi.Length > 0 && u.ReasonEn.Length > 0))}), {days.Sum(d => d.Figures.Trips)} trips, {days.Sum(d => d.Figures.Metres) / 1000.0:0.0} km");
    }

}
