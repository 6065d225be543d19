using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Outreach.Solver.Model;

/// <summary>
/// Collects profiles, tasks, vehicles and links, then validates them once in <see cref="Build"/>, throwing a
/// <see cref="ModelValidationException"/> that names the bad field and its value. Not thread-safe.
/// </summary>
public sealed class RoutingModelBuilder
{
    private readonly List<TravelProfile> profiles = [];
    private readonly List<TaskSpec> tasks = [];
    private readonly List<VehicleSpec> vehicles = [];
    private readonly List<TaskLink> links = [];

    /// <summary>Creates a builder for a model with <paramref name="dimensionCount"/> load dimensions.</summary>
    public RoutingModelBuilder(int dimensionCount = 1)
    {
        if (dimensionCount < 0)
        {
            throw new ModelValidationException("dimensionCount", dimensionCount, "must be >= 0");
        }

        DimensionCount = dimensionCount;
    }

    /// <summary>Number of load dimensions.</summary>
    public int DimensionCount { get; }

    /// <summary>Adds a travel profile and returns its index.</summary>
    public int AddProfile(TravelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profiles.Add(profile);
        return profiles.Count - 1;
    }

    /// <summary>Adds a task and returns its index.</summary>
    public int AddTask(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        tasks.Add(task);
        return tasks.Count - 1;
    }

    /// <summary>Adds a vehicle and returns its index.</summary>
    public int AddVehicle(VehicleSpec vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        vehicles.Add(vehicle);
        return vehicles.Count - 1;
    }

    /// <summary>Adds a link "<paramref name="link"/>.ToTask starts at least MinGapSeconds after FromTask ends".</summary>
    public void AddLink(TaskLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        links.Add(link);
    }

    /// <summary>Validates everything and returns the immutable model.</summary>
    public RoutingModel Build()
    {
        if (profiles.Count == 0)
        {
            throw new ModelValidationException("profiles", 0, "at least one travel profile is required");
        }

        int locationCount = profiles[0].Seconds.Size;
        for (int p = 0; p < profiles.Count; p++)
        {
            var profile = profiles[p];
            if (profile.Seconds.Size != locationCount)
            {
                throw new ModelValidationException($"profiles[{p}].seconds.size", profile.Seconds.Size, $"all matrices must have {locationCount} locations");
            }

            if (profile.Metres.Size != locationCount)
            {
                throw new ModelValidationException($"profiles[{p}].metres.size", profile.Metres.Size, $"all matrices must have {locationCount} locations");
            }
        }

        var ids = new HashSet<string>(tasks.Count, StringComparer.Ordinal);
        for (int t = 0; t < tasks.Count; t++)
        {
            ValidateTask(t, tasks[t], locationCount, ids);
        }

        var vehicleIds = new HashSet<string>(vehicles.Count, StringComparer.Ordinal);
        for (int v = 0; v < vehicles.Count; v++)
        {
            ValidateVehicle(v, vehicles[v], locationCount, vehicleIds);
        }

        ValidatePins();

        for (int i = 0; i < links.Count; i++)
        {
            var link = links[i];
            Check(link.FromTask >= 0 && link.FromTask < tasks.Count, $"links[{i}].fromTask", link.FromTask, "no such task");
            Check(link.ToTask >= 0 && link.ToTask < tasks.Count, $"links[{i}].toTask", link.ToTask, "no such task");
            Check(link.FromTask != link.ToTask, $"links[{i}].toTask", link.ToTask, "a task cannot be linked to itself");
            Check(link.MinGapSeconds >= 0 && link.MinGapSeconds <= TimeWindow.MaxSeconds, $"links[{i}].minGapSeconds", link.MinGapSeconds, "must be in 0..1e9");
            Check(link.MaxGapSeconds is null || (link.MaxGapSeconds >= link.MinGapSeconds && link.MaxGapSeconds <= TimeWindow.MaxSeconds),
                $"links[{i}].maxGapSeconds", link.MaxGapSeconds ?? 0, "must be at least minGapSeconds and at most 1e9");
        }

        var skillNames = tasks.SelectMany(t => t.Skills).Concat(vehicles.SelectMany(v => v.Skills)).Distinct(StringComparer.Ordinal).Count();
        Check(skillNames <= 64, "skills", skillNames, "at most 64 distinct skills are supported");

        return new RoutingModel(locationCount, DimensionCount, profiles.ToArray(), tasks.ToArray(), vehicles.ToArray(), links.ToArray());
    }

    /// <summary>Checks task <paramref name="t"/>; its paths (tasks[t]...) are formatted only for the field that fails.</summary>
    private void ValidateTask(int t, TaskSpec task, int locationCount, HashSet<string> ids)
    {
        Check(!string.IsNullOrEmpty(task.Id), $"tasks[{t}].id", task.Id, "must not be empty");
        Check(ids.Add(task.Id), $"tasks[{t}].id", task.Id, "duplicate task id");
        ValidateStop(t, "pickup", task.Pickup, locationCount);
        if (task.Delivery is not null)
        {
            ValidateStop(t, "delivery", task.Delivery, locationCount);
        }

        Check(task.Load.Count == 0 || task.Load.Count == DimensionCount, $"tasks[{t}].load.length", task.Load.Count, $"must be 0 or the {DimensionCount} load dimensions");
        for (int d = 0; d < task.Load.Count; d++)
        {
            Check(task.Load[d] >= 0, $"tasks[{t}].load[{d}]", task.Load[d], "must be >= 0");
        }

        Check(task.DropPenalty >= 0, $"tasks[{t}].dropPenalty", task.DropPenalty, "must be >= 0");
        if (task.MaxRideSeconds is int ride)
        {
            Check(task.Delivery is not null, $"tasks[{t}].maxRideSeconds", ride, "only pickup-delivery pairs have a ride time");
            Check(ride >= 0, $"tasks[{t}].maxRideSeconds", ride, "must be >= 0");
        }

        foreach (var skill in task.Skills)
        {
            Check(!string.IsNullOrWhiteSpace(skill), $"tasks[{t}].skills", skill, "skill names must not be blank");
        }
    }

    private void ValidateVehicle(int v, VehicleSpec vehicle, int locationCount, HashSet<string> ids)
    {
        string f = $"vehicles[{v}]";
        Check(!string.IsNullOrEmpty(vehicle.Id), $"{f}.id", vehicle.Id, "must not be empty");
        Check(ids.Add(vehicle.Id), $"{f}.id", vehicle.Id, "duplicate vehicle id");
        Check(vehicle.StartLocation >= 0 && vehicle.StartLocation < locationCount, $"{f}.startLocation", vehicle.StartLocation, $"must be in 0..{locationCount - 1}");
        if (vehicle.EndLocation is int end)
        {
            Check(end >= 0 && end < locationCount, $"{f}.endLocation", end, $"must be in 0..{locationCount - 1}");
        }

        ValidateWindow(WindowHolds(vehicle.Shift), $"{f}.shift", vehicle.Shift);
        Check(vehicle.Capacity.Count == DimensionCount, $"{f}.capacity.length", vehicle.Capacity.Count, $"must equal the {DimensionCount} load dimensions");
        for (int d = 0; d < vehicle.Capacity.Count; d++)
        {
            Check(vehicle.Capacity[d] >= 0, $"{f}.capacity[{d}]", vehicle.Capacity[d], "must be >= 0");
        }

        Check(vehicle.FixedCost >= 0, $"{f}.fixedCost", vehicle.FixedCost, "must be >= 0");
        Check(vehicle.CostPerSecond >= 0, $"{f}.costPerSecond", vehicle.CostPerSecond, "must be >= 0");
        Check(vehicle.CostPerMetre >= 0, $"{f}.costPerMetre", vehicle.CostPerMetre, "must be >= 0");
        if (vehicle.MaxDurationSeconds is int maxDuration)
        {
            Check(maxDuration >= 0, $"{f}.maxDurationSeconds", maxDuration, "must be >= 0");
        }

        Check(vehicle.MaxTrips >= 1 && vehicle.MaxTrips <= 16, $"{f}.maxTrips", vehicle.MaxTrips, "must be in 1..16");
        Check(vehicle.ReloadSeconds >= 0, $"{f}.reloadSeconds", vehicle.ReloadSeconds, "must be >= 0");
        if (vehicle.MaxTrips > 1)
        {
            Check(vehicle.EndLocation == vehicle.StartLocation, $"{f}.endLocation", vehicle.EndLocation, "vehicles with several trips must end where they start (the depot)");
        }

        Check(vehicle.Profile >= 0 && vehicle.Profile < profiles.Count, $"{f}.profile", vehicle.Profile, $"must be in 0..{profiles.Count - 1}");
        for (int b = 0; b < vehicle.Breaks.Count; b++)
        {
            var brk = vehicle.Breaks[b];
            ValidateWindow(WindowHolds(brk.Window), $"{f}.breaks[{b}].window", brk.Window);
            Check(brk.DurationSeconds >= 0, $"{f}.breaks[{b}].durationSeconds", brk.DurationSeconds, "must be >= 0");
            if (b > 0)
            {
                Check(brk.Window.StartSeconds >= vehicle.Breaks[b - 1].Window.StartSeconds, $"{f}.breaks[{b}].window.start", brk.Window.StartSeconds, "breaks must be sorted by window start");
            }
        }

        foreach (var skill in vehicle.Skills)
        {
            Check(!string.IsNullOrWhiteSpace(skill), $"{f}.skills", skill, "skill names must not be blank");
        }
    }

    private void ValidatePins()
    {
        // (vehicle, trip) -> pinned positions used, so a trip's pinned stops form a prefix 0..k-1 without duplicates.
        var positions = new Dictionary<(int Vehicle, int Trip), List<int>>();
        for (int t = 0; t < tasks.Count; t++)
        {
            var pin = tasks[t].Pin;
            if (pin is null)
            {
                continue;
            }

            string f = $"tasks[{t}].pin";
            Check(pin.Vehicle >= 0 && pin.Vehicle < vehicles.Count, $"{f}.vehicle", pin.Vehicle, "no such vehicle");
            int maxTrips = vehicles[pin.Vehicle].MaxTrips;
            if (pin.Trip is int trip)
            {
                Check(trip >= 0 && trip < maxTrips, $"{f}.trip", trip, $"vehicle has {maxTrips} trip(s)");
            }

            if (pin.Position is null)
            {
                Check(pin.DeliveryPosition is null, $"{f}.deliveryPosition", pin.DeliveryPosition, "needs position as well");
                continue;
            }

            Check(pin.Trip is not null || maxTrips == 1, $"{f}.trip", pin.Trip, "a pinned position needs a trip when the vehicle has several");
            int tripIndex = pin.Trip ?? 0;
            if (!positions.TryGetValue((pin.Vehicle, tripIndex), out var used))
            {
                used = [];
                positions[(pin.Vehicle, tripIndex)] = used;
            }

            used.Add(pin.Position.Value);
            if (tasks[t].Delivery is not null)
            {
                Check(pin.DeliveryPosition is int dp && dp > pin.Position.Value, $"{f}.deliveryPosition", pin.DeliveryPosition, "a pinned pair needs a delivery position after its pickup position");
                used.Add(pin.DeliveryPosition!.Value);
            }
            else
            {
                Check(pin.DeliveryPosition is null, $"{f}.deliveryPosition", pin.DeliveryPosition, "only pairs have a delivery position");
            }
        }

        foreach (var ((vehicle, trip), used) in positions)
        {
            used.Sort();
            for (int i = 0; i < used.Count; i++)
            {
                Check(used[i] == i, $"vehicles[{vehicle}].trip[{trip}].pinnedPositions", string.Join(',', used), "pinned positions of a trip must be exactly 0..k-1");
            }
        }
    }

    /// <summary>Checks the <paramref name="leg"/> stop ("pickup", "delivery") of task <paramref name="t"/>.</summary>
    private static void ValidateStop(int t, string leg, StopSpec? stop, int locationCount)
    {
        if (stop is null)
        {
            throw new ModelValidationException(string.Create(CultureInfo.InvariantCulture, $"tasks[{t}].{leg}"), null, "is required");
        }

        Check(stop.Location >= 0 && stop.Location < locationCount, $"tasks[{t}].{leg}.location", stop.Location, $"must be in 0..{locationCount - 1}");
        Check(stop.ServiceSeconds >= 0 && stop.ServiceSeconds <= TimeWindow.MaxSeconds, $"tasks[{t}].{leg}.serviceSeconds", stop.ServiceSeconds, "must be in 0..1e9");
        for (int w = 0; w < stop.Windows.Count; w++)
        {
            ValidateWindow(WindowHolds(stop.Windows[w]), $"tasks[{t}].{leg}.windows[{w}]", stop.Windows[w]);
            if (w > 0)
            {
                Check(stop.Windows[w].StartSeconds > stop.Windows[w - 1].EndSeconds, $"tasks[{t}].{leg}.windows[{w}].start", stop.Windows[w].StartSeconds, "windows must be sorted and disjoint");
            }
        }
    }

    /// <summary>Whether <see cref="ValidateWindow"/> finds nothing wrong with <paramref name="window"/> (its two checks together).</summary>
    private static bool WindowHolds(TimeWindow window) =>
        window.StartSeconds >= 0 && window.StartSeconds <= TimeWindow.MaxSeconds
        && window.EndSeconds >= window.StartSeconds && window.EndSeconds <= TimeWindow.MaxSeconds;

    /// <summary>
    /// Names what is wrong with <paramref name="window"/> unless <paramref name="holds"/> (<see cref="WindowHolds"/>):
    /// the path <paramref name="field"/> is formatted only then.
    /// </summary>
    private static void ValidateWindow(bool holds, [InterpolatedStringHandlerArgument(nameof(holds))] FailureText field, TimeWindow window)
    {
        if (holds)
        {
            return;
        }

        string f = field.ToStringAndClear();
        Check(window.StartSeconds >= 0 && window.StartSeconds <= TimeWindow.MaxSeconds, $"{f}.start", window.StartSeconds, "must be in 0..1e9");
        Check(window.EndSeconds >= window.StartSeconds && window.EndSeconds <= TimeWindow.MaxSeconds, $"{f}.end", window.EndSeconds, $"must be in {window.StartSeconds}..1e9");
    }

    private static void Check<T>(
        bool condition,
        [InterpolatedStringHandlerArgument(nameof(condition))] FailureText field,
        T value,
        [InterpolatedStringHandlerArgument(nameof(condition))] FailureText problem)
    {
        if (!condition)
        {
            throw new ModelValidationException(field.ToStringAndClear(), value, problem.ToStringAndClear());
        }
    }

    /// <summary>
    /// The text of a check (the field's path, the problem), formatted only when the check fails: every solve builds its
    /// model (a day's insertion of one booking builds one per session), and a valid model, the usual case, need not
    /// format a path and a problem for each of its fields. A plain string is taken as it is.
    /// </summary>
    [InterpolatedStringHandler]
    private ref struct FailureText
    {
        // Small on purpose: every check makes two, and only a failing one writes text.
        private readonly StringBuilder? text;
        private readonly string? plain;

        public FailureText(int literalLength, int formattedCount, bool condition, out bool format)
        {
            _ = formattedCount;
            format = !condition;
            text = format ? new StringBuilder(literalLength + 16) : null;
        }

        private FailureText(string plain)
        {
            this.plain = plain;
        }

        public static implicit operator FailureText(string plain) => new(plain);

        public readonly void AppendLiteral(string literal) => text?.Append(literal);

        public readonly void AppendFormatted<TValue>(TValue value) =>
            text?.Append(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());

        public readonly string ToStringAndClear() => plain ?? text?.ToString() ?? "";
    }

}
