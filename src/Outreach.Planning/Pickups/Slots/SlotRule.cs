using Outreach.Domain;

namespace Outreach.Planning.Pickups.Slots;

/// <summary>
/// Which pickup slots a station can still offer a family, and why the others are refused. The same rule answers the
/// booking pages (<see cref="Offer"/>) and the booking transaction (<see cref="Decide"/>, called with the usage read
/// under the station lock), so what is offered is what is stored. Pure: no clock (the caller passes the local time),
/// no IO; immutable and thread-safe once built.
/// <para>
/// What a slot can absorb, per day and per slot (local time, Asia/Ho_Chi_Minh):
/// <list type="bullet">
/// <item>Opening hours: slots follow the clock (<see cref="Station.BookingSlotMinutes"/>), from the opening time of each
/// interval of the weekday; a first or last piece shorter than half a slot is dropped.</item>
/// <item>Van seats: each van brings one trip per slot, so a slot holds at most the vans' seats (and wheelchair places,
/// child seats); every family rides whole in one van (exact packing, <see cref="VanPacking"/>); a day holds at most
/// vans x seats x <see cref="PickupSettings.MaxTripsPerVan"/>, and the vans a day's slots need together may not exceed
/// vans x trips.</item>
/// <item>Stops: a van fetches at most <see cref="PickupSettings.MaxBookingsPerTrip"/> families on one trip, so a slot
/// holds at most vans x that many bookings and needs at least ceil(bookings / that) vans, whatever the seats say
/// (scattered families fill a van's time before its seats).</item>
/// <item>Desks: a slot takes at most desks x <see cref="Station.FilesPerDeskPerHour"/> x slot hours children, and its
/// children, queued from the slot's start over all desks, must be done by closing time.</item>
/// <item>Ride time: a direct ride from the pickup point longer than <see cref="Station.MaxRideMinutes"/> (or none) is
/// never offered: the family is told to call the station.</item>
/// <item>Booking window: not in the past, not sooner than <see cref="BookingWindow.NoticeMinutes"/>, not beyond
/// <see cref="BookingWindow.HorizonDays"/>; closed days (holidays without desk shifts) offer nothing.</item>
/// </list>
/// The planner may still leave a booking unserved (e.g. the van cannot reach two far-apart pickups in one slot); it
/// then says why. The rule never offers more than these limits.
/// </para>
/// </summary>
public sealed class SlotRule
{
    private readonly Dictionary<DateOnly, ClosedDay> _closed;

    public SlotRule(
        Station station,
        IReadOnlyList<Vehicle> vans,
        PickupSettings? settings = null,
        BookingWindow? window = null,
        IEnumerable<ClosedDay>? closedDays = null)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(vans);
        if (station.BookingSlotMinutes < 1)
        {
            throw new ArgumentException($"BookingSlotMinutes is {station.BookingSlotMinutes}; it must be at least 1.", nameof(station));
        }

        Station = station;
        Vans = vans;
        Settings = settings ?? PickupSettings.For(station);
        Window = window ?? BookingWindow.Default;
        _closed = (closedDays ?? []).GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.First());
        SeatsPerSlot = vans.Sum(v => v.SeatCount);
        WheelchairPlacesPerSlot = vans.Sum(v => v.WheelchairPlaces);
        ChildSeatsPerSlot = vans.Sum(v => v.ChildSeatCount);
        SeatsPerDay = SeatsPerSlot * Settings.MaxTripsPerVan;
        TripsPerDay = vans.Count * Settings.MaxTripsPerVan;
    }

    public Station Station { get; }

    public IReadOnlyList<Vehicle> Vans { get; }

    public PickupSettings Settings { get; }

    /// <summary>
    /// When true the rule is only the fast pre-filter of the live plan (<see cref="LiveBooking"/>): it still refuses
    /// what no plan can change (closed, too late, too far, no van for the family, the desks' throughput) but leaves the
    /// vans' seats, stops and trips to the exact insertion into the day's plan, which knows where the vans really are.
    /// </summary>
    public bool PlanDecidesVans { get; init; }

    public BookingWindow Window { get; }

    /// <summary>All vans' seats: what one slot can carry.</summary>
    public int SeatsPerSlot { get; }

    public int WheelchairPlacesPerSlot { get; }

    public int ChildSeatsPerSlot { get; }

    /// <summary>Vans x seats x trips per van.</summary>
    public int SeatsPerDay { get; }

    /// <summary>Vans x trips per van.</summary>
    public int TripsPerDay { get; }

    /// <summary>Families one van fetches on one trip (<see cref="PickupSettings.MaxBookingsPerTrip"/>, at least 1).</summary>
    public int BookingsPerTrip => Math.Max(1, Settings.MaxBookingsPerTrip);

    /// <summary>Vans a slot of <paramref name="bookings"/> families needs for its stops alone: ceil(bookings / per trip).</summary>
    public int VansForStops(int bookings) => (bookings + BookingsPerTrip - 1) / BookingsPerTrip;

    /// <summary>
    /// The vans that fetch families: van-profile vehicles of the station not assigned to a mobile team (a team's
    /// pickup truck carries capture kits, not families).
    /// </summary>
    public static IReadOnlyList<Vehicle> PickupVans(IEnumerable<Vehicle> vehicles, IEnumerable<Team> teams)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        ArgumentNullException.ThrowIfNull(teams);
        var teamVehicles = teams.Where(t => t.VehicleId is not null).Select(t => t.VehicleId!.Value).ToHashSet();
        return vehicles.Where(v => v.Profile == VehicleProfile.Van && !teamVehicles.Contains(v.Id)).ToList();
    }

    /// <summary>True for refusals no other slot or day can fix: the family should call the station.</summary>
    public static bool IsAboutTheFamily(SlotRefusal refusal) =>
        refusal is SlotRefusal.NoVans or SlotRefusal.Unreachable or SlotRefusal.TooFar or SlotRefusal.GroupTooLarge
            or SlotRefusal.NoWheelchairVan or SlotRefusal.NoChildSeatVan;

    /// <summary>The slots of the opening hours of <paramref name="date"/>'s weekday (closed days included: see <see cref="ClosureOn"/>).</summary>
    public IReadOnlyList<SlotTime> Slots(DateOnly date) => Grid(date).Select(g => g.Slot).ToList();

    /// <summary>The slot starting at <paramref name="start"/>, or null when no slot starts then.</summary>
    public SlotTime? Find(DateOnly date, TimeOnly start) =>
        Grid(date).Where(g => g.Slot.Start == start).Select(g => (SlotTime?)g.Slot).FirstOrDefault();

    public ClosedDay? ClosureOn(DateOnly date) => _closed.GetValueOrDefault(date);

    /// <summary>Children the desks can take in <paramref name="slot"/>: desks x files per desk per hour x slot hours, rounded down.</summary>
    public int DeskChildren(SlotTime slot) => Station.DeskCount * Station.FilesPerDeskPerHour * slot.Minutes / 60;

    /// <summary>
    /// Whether <paramref name="candidate"/> may book the slot starting at <paramref name="start"/>, given every booking
    /// already holding seats that day (<paramref name="dayGroups"/>, the candidate itself left out when it moves).
    /// </summary>
    public SlotDecision Decide(DateOnly date, TimeOnly start, IReadOnlyList<SlotGroup> dayGroups, SlotCandidate candidate, DateTime localNow)
    {
        ArgumentNullException.ThrowIfNull(dayGroups);
        ArgumentNullException.ThrowIfNull(candidate);
        var day = DayOf(date, dayGroups);
        var entry = day.Grid.FirstOrDefault(g => g.Slot.Start == start);
        var slot = entry.Slot == default ? new SlotTime(date, start, start.AddMinutes(Station.BookingSlotMinutes)) : entry.Slot;
        var refusal = DayRefusal(date, day.Grid, candidate, localNow);
        if (refusal is null && entry.Slot == default)
        {
            refusal = SlotRefusal.OutsideOpeningHours;
        }

        return refusal is null ? day.Decide(entry, candidate, localNow) : day.Refused(slot, refusal.Value);
    }

    /// <summary>Every slot of <paramref name="date"/> for <paramref name="candidate"/>, offered or with its reason.</summary>
    public DayOffer Offer(DateOnly date, IReadOnlyList<SlotGroup> dayGroups, SlotCandidate candidate, DateTime localNow)
    {
        ArgumentNullException.ThrowIfNull(dayGroups);
        ArgumentNullException.ThrowIfNull(candidate);
        var day = DayOf(date, dayGroups);
        var refusal = DayRefusal(date, day.Grid, candidate, localNow);
        if (refusal is SlotRefusal.Closed)
        {
            return new DayOffer(date, refusal, ClosureOn(date), []);
        }

        var slots = day.Grid
            .Select(g => refusal is { } r ? day.Refused(g.Slot, r) : day.Decide(g, candidate, localNow))
            .ToList();
        return new DayOffer(date, refusal, null, slots);
    }

    /// <summary>
    /// The day of <paramref name="dayGroups"/>, made again only when the date's bookings differ from the last day made
    /// for it: a booking's alternatives ask about every slot of a fortnight, and each question needs the trips the day's
    /// other slots take. Compared by content, so a caller may pass a new list each time or add to its list between
    /// questions (a batch counts the ones before).
    /// </summary>
    private Day DayOf(DateOnly date, IReadOnlyList<SlotGroup> dayGroups)
    {
        if (_days.TryGetValue(date, out var known) && known.MadeOf(dayGroups))
        {
            return known;
        }

        var day = new Day(this, date, dayGroups);
        _days[date] = day;
        return day;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, Day> _days = new();

    private SlotRefusal? DayRefusal(DateOnly date, IReadOnlyList<GridSlot> grid, SlotCandidate candidate, DateTime localNow)
    {
        var today = DateOnly.FromDateTime(localNow);
        if (date < today)
        {
            return SlotRefusal.PastDate;
        }

        if (date > today.AddDays(Window.HorizonDays))
        {
            return SlotRefusal.TooFarAhead;
        }

        if (_closed.ContainsKey(date) || grid.Count == 0)
        {
            return SlotRefusal.Closed;
        }

        return FamilyRefusal(candidate);
    }

    private SlotRefusal? FamilyRefusal(SlotCandidate candidate)
    {
        if (Vans.Count == 0)
        {
            return SlotRefusal.NoVans;
        }

        if (candidate.Ride is { } ride)
        {
            if (!ride.IsReachable)
            {
                return SlotRefusal.Unreachable;
            }

            if (ride.Minutes > Station.MaxRideMinutes)
            {
                return SlotRefusal.TooFar;
            }
        }

        var wheelchair = candidate.Needs.HasFlag(BookingNeeds.Wheelchair);
        var childSeat = candidate.Needs.HasFlag(BookingNeeds.ChildSeat);
        var large = Vans.Where(v => v.SeatCount >= candidate.Seats).ToList();
        if (large.Count == 0)
        {
            return SlotRefusal.GroupTooLarge;
        }

        var withWheelchair = wheelchair ? large.Where(v => v.WheelchairPlaces > 0).ToList() : large;
        if (withWheelchair.Count == 0)
        {
            return SlotRefusal.NoWheelchairVan;
        }

        return childSeat && !withWheelchair.Any(v => v.ChildSeatCount > 0) ? SlotRefusal.NoChildSeatVan : null;
    }

    private List<GridSlot> Grid(DateOnly date)
    {
        var length = Station.BookingSlotMinutes;
        var result = new List<GridSlot>();
        foreach (var hours in Station.OpeningHours.Where(h => h.Day == date.DayOfWeek && h.Closes > h.Opens).OrderBy(h => h.Opens))
        {
            var start = (int)hours.Opens.ToTimeSpan().TotalMinutes;
            var closes = (int)hours.Closes.ToTimeSpan().TotalMinutes;
            while (start < closes)
            {
                // The next clock-aligned boundary (08:00, 09:00 for 60 minutes), or closing time.
                var end = Math.Min(((start / length) + 1) * length, closes);
                if ((end - start) * 2 >= length && result.All(g => g.StartMinute != start))
                {
                    result.Add(new GridSlot(new SlotTime(date, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)),
                        TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(end))), start, closes));
                }

                start = end;
            }
        }

        result.Sort((a, b) => a.StartMinute.CompareTo(b.StartMinute));
        return result;
    }

    /// <summary>A slot of the grid, with the closing time (minutes after midnight) of its opening interval.</summary>
    private readonly record struct GridSlot(SlotTime Slot, int StartMinute, int ClosesMinute);

    /// <summary>One day's bookings, grouped once for all the slots a page or a transaction asks about.</summary>
    private sealed class Day
    {
        private readonly SlotRule _rule;
        private readonly Dictionary<TimeOnly, List<SlotGroup>> _bySlot;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<TimeOnly, int> _vansBySlot = [];
        private readonly int _seatsOnDay;

        /// <summary>The bookings the day was made from, as they were then.</summary>
        private readonly SlotGroup[] _groups;

        public Day(SlotRule rule, DateOnly date, IReadOnlyList<SlotGroup> groups)
        {
            _rule = rule;
            Date = date;
            _groups = [.. groups];
            Grid = rule.Grid(date);
            _bySlot = groups.GroupBy(g => g.SlotStart).ToDictionary(g => g.Key, g => g.ToList());
            _seatsOnDay = groups.Sum(g => g.Seats);
        }

        public DateOnly Date { get; }

        /// <summary>Whether <paramref name="groups"/> holds exactly the bookings this day was made from, in the same order.</summary>
        public bool MadeOf(IReadOnlyList<SlotGroup> groups)
        {
            if (groups.Count != _groups.Length)
            {
                return false;
            }

            for (var i = 0; i < _groups.Length; i++)
            {
                if (!Equals(groups[i], _groups[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public List<GridSlot> Grid { get; }

        public SlotDecision Refused(SlotTime slot, SlotRefusal refusal)
        {
            var (seatsLeft, childrenLeft) = Left(slot);
            return new SlotDecision(slot, refusal, seatsLeft, childrenLeft);
        }

        public SlotDecision Decide(GridSlot entry, SlotCandidate candidate, DateTime localNow)
        {
            var slot = entry.Slot;
            var (seatsLeft, childrenLeft) = Left(slot);
            return new SlotDecision(slot, Check(entry, candidate, localNow), seatsLeft, childrenLeft);
        }

        private SlotRefusal? Check(GridSlot entry, SlotCandidate candidate, DateTime localNow)
        {
            var slot = entry.Slot;
            if (slot.StartsAt < localNow.AddMinutes(_rule.Window.NoticeMinutes))
            {
                return SlotRefusal.TooLate;
            }

            var inSlot = _bySlot.GetValueOrDefault(slot.Start) ?? [];
            if (_rule.PlanDecidesVans)
            {
                return DeskCheck(entry, inSlot, candidate);
            }

            if (inSlot.Sum(g => g.Seats) + candidate.Seats > _rule.SeatsPerSlot)
            {
                return SlotRefusal.SeatsFull;
            }

            if (inSlot.Count + 1 > _rule.Vans.Count * _rule.BookingsPerTrip)
            {
                return SlotRefusal.StopsFull;
            }

            if (candidate.Needs.HasFlag(BookingNeeds.Wheelchair)
                && inSlot.Count(g => g.Needs.HasFlag(BookingNeeds.Wheelchair)) + 1 > _rule.WheelchairPlacesPerSlot)
            {
                return SlotRefusal.NoWheelchairPlace;
            }

            if (candidate.Needs.HasFlag(BookingNeeds.ChildSeat)
                && inSlot.Count(g => g.Needs.HasFlag(BookingNeeds.ChildSeat)) + 1 > _rule.ChildSeatsPerSlot)
            {
                return SlotRefusal.NoChildSeatLeft;
            }

            var withCandidate = new List<SlotGroup>(inSlot) { new(slot.Start, candidate.Children, candidate.Guardians, candidate.Needs) };
            // First fit answers most slots at once: when it packs the families and even its count of vans leaves the
            // day trips enough, the fewest vans (no more than its count) do too; the exact search is for the rest.
            var firstFit = VanPacking.FirstFit(_rule.Vans, withCandidate);
            int? fewest = firstFit is null ? VanPacking.MinVans(_rule.Vans, withCandidate) : null;
            if (firstFit is null && fewest is null)
            {
                return SlotRefusal.NoRoomForGroup;
            }

            if (_seatsOnDay + candidate.Seats > _rule.SeatsPerDay)
            {
                return SlotRefusal.DaySeatsFull;
            }

            var stops = _rule.VansForStops(withCandidate.Count);
            var others = _bySlot.Keys.Where(s => s != slot.Start).Sum(VansFor);
            if (Math.Max(fewest ?? firstFit!.Value, stops) + others > _rule.TripsPerDay)
            {
                fewest ??= VanPacking.MinVans(_rule.Vans, withCandidate) ?? firstFit;
                if (Math.Max(fewest!.Value, stops) + others > _rule.TripsPerDay)
                {
                    return SlotRefusal.NoTripLeft;
                }
            }

            return DeskCheck(entry, inSlot, candidate);
        }

        /// <summary>The desks' throughput: the slot's children within what the desks take, and done before closing.</summary>
        private SlotRefusal? DeskCheck(GridSlot entry, IReadOnlyList<SlotGroup> inSlot, SlotCandidate candidate)
        {
            var children = inSlot.Sum(g => g.Children) + candidate.Children;
            if (children > _rule.DeskChildren(entry.Slot))
            {
                return SlotRefusal.DesksFull;
            }

            // Queued from the slot's start over every desk: ceil(children / desks) files one after another.
            var desks = Math.Max(1, _rule.Station.DeskCount);
            var doneMinute = entry.StartMinute + ((children + desks - 1) / desks * PickupSettings.MinutesPerChild(_rule.Station));
            return doneMinute > entry.ClosesMinute ? SlotRefusal.ClosesBeforeDone : null;
        }

        /// <summary>Vans a slot's bookings take; all vans when they no longer fit (e.g. entered by staff over the limit).</summary>
        private int VansFor(TimeOnly slotStart)
        {
            if (!_vansBySlot.TryGetValue(slotStart, out var vans))
            {
                var groups = _bySlot[slotStart];
                vans = VanPacking.MinVans(_rule.Vans, groups) is { } packed
                    ? Math.Min(_rule.Vans.Count, Math.Max(packed, _rule.VansForStops(groups.Count)))
                    : _rule.Vans.Count;
                _vansBySlot[slotStart] = vans;
            }

            return vans;
        }

        private (int SeatsLeft, int ChildrenLeft) Left(SlotTime slot)
        {
            var inSlot = _bySlot.GetValueOrDefault(slot.Start) ?? [];
            var seats = Math.Min(_rule.SeatsPerSlot - inSlot.Sum(g => g.Seats), _rule.SeatsPerDay - _seatsOnDay);
            var children = _rule.DeskChildren(slot) - inSlot.Sum(g => g.Children);
            return (Math.Max(0, seats), Math.Max(0, children));
        }
    }
}
