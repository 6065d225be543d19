using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Json;

/// <summary>
/// Reads and writes the JSON model and solution formats documented in docs/solver-model-format.md.
/// Tasks and vehicles are referred to by id in links, pins and solutions. Thread-safe (stateless).
/// </summary>
public static class ModelJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Parses and validates a model; errors name the JSON field and value.</summary>
    public static RoutingModel ReadModel(string json)
    {
        ModelDocument document;
        try
        {
            document = JsonSerializer.Deserialize<ModelDocument>(json, Options) ?? throw new ModelValidationException("$", null, "empty document");
        }
        catch (JsonException e)
        {
            throw new ModelValidationException(e.Path ?? "$", null, e.Message);
        }

        if (document.FormatVersion != SolverAssembly.ModelFormatVersion)
        {
            throw new ModelValidationException("formatVersion", document.FormatVersion, $"this engine reads version {SolverAssembly.ModelFormatVersion}");
        }

        var builder = new RoutingModelBuilder(document.Dimensions);
        var profiles = document.Profiles ?? [];
        for (int p = 0; p < profiles.Count; p++)
        {
            var profile = profiles[p];
            builder.AddProfile(new TravelProfile(profile.Name ?? $"profile{p}", ToMatrix($"profiles[{p}].seconds", profile.Seconds), ToMatrix($"profiles[{p}].metres", profile.Metres ?? profile.Seconds)));
        }

        var vehicles = document.Vehicles ?? [];
        var vehicleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int v = 0; v < vehicles.Count; v++)
        {
            var vehicle = vehicles[v];
            vehicleIndex.TryAdd(vehicle.Id ?? "", v);
            builder.AddVehicle(new VehicleSpec
            {
                Id = vehicle.Id ?? "",
                StartLocation = vehicle.Start,
                EndLocation = vehicle.End,
                Shift = ToWindow($"vehicles[{v}].shift", vehicle.Shift) ?? TimeWindow.Always,
                Capacity = vehicle.Capacity ?? [],
                Skills = vehicle.Skills ?? [],
                FixedCost = vehicle.FixedCost,
                CostPerSecond = vehicle.CostPerSecond,
                CostPerMetre = vehicle.CostPerMetre ?? 1,
                MaxDurationSeconds = vehicle.MaxDurationSeconds,
                Breaks = (vehicle.Breaks ?? []).Select((b, i) => new BreakSpec(ToWindow($"vehicles[{v}].breaks[{i}].window", b.Window) ?? TimeWindow.Always, b.DurationSeconds)).ToArray(),
                MaxTrips = vehicle.MaxTrips ?? 1,
                ReloadSeconds = vehicle.ReloadSeconds,
                Profile = vehicle.Profile,
            });
        }

        var tasks = document.Tasks ?? [];
        var taskIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            taskIndex.TryAdd(task.Id ?? "", t);
            TaskPin? pin = null;
            if (task.Pin is { } p)
            {
                if (p.Vehicle is null || !vehicleIndex.TryGetValue(p.Vehicle, out int pv))
                {
                    throw new ModelValidationException($"tasks[{t}].pin.vehicle", p.Vehicle, "no vehicle with this id");
                }

                pin = new TaskPin(pv, p.Trip, p.Position, p.DeliveryPosition);
            }

            builder.AddTask(new TaskSpec
            {
                Id = task.Id ?? "",
                Pickup = ToStop($"tasks[{t}].{(task.Delivery is null ? "visit" : "pickup")}", task.Delivery is null ? task.Visit ?? task.Pickup : task.Pickup),
                Delivery = task.Delivery is null ? null : ToStop($"tasks[{t}].delivery", task.Delivery),
                Load = task.Load ?? [],
                Skills = task.Skills ?? [],
                DropPenalty = task.DropPenalty ?? TaskSpec.DefaultDropPenalty,
                MaxRideSeconds = task.MaxRideSeconds,
                Pin = pin,
            });
        }

        var links = document.Links ?? [];
        for (int l = 0; l < links.Count; l++)
        {
            var link = links[l];
            if (link.From is null || !taskIndex.TryGetValue(link.From, out int from))
            {
                throw new ModelValidationException($"links[{l}].from", link.From, "no task with this id");
            }

            if (link.To is null || !taskIndex.TryGetValue(link.To, out int to))
            {
                throw new ModelValidationException($"links[{l}].to", link.To, "no task with this id");
            }

            builder.AddLink(new TaskLink(from, to, link.MinGapSeconds, link.MaxGapSeconds));
        }

        return builder.Build();
    }

    /// <summary>Writes a model in the documented format.</summary>
    public static string WriteModel(RoutingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var document = new ModelDocument
        {
            FormatVersion = SolverAssembly.ModelFormatVersion,
            Dimensions = model.DimensionCount,
            Profiles = model.Profiles.Select(p => new ProfileDocument { Name = p.Name, Seconds = FromMatrix(p.Seconds), Metres = FromMatrix(p.Metres) }).ToList(),
            Vehicles = model.Vehicles.Select(v => new VehicleDocument
            {
                Id = v.Id,
                Start = v.StartLocation,
                End = v.EndLocation,
                Shift = [v.Shift.StartSeconds, v.Shift.EndSeconds],
                Capacity = v.Capacity.ToList(),
                Skills = v.Skills.Count == 0 ? null : v.Skills.ToList(),
                FixedCost = v.FixedCost,
                CostPerSecond = v.CostPerSecond,
                CostPerMetre = v.CostPerMetre,
                MaxDurationSeconds = v.MaxDurationSeconds,
                Breaks = v.Breaks.Count == 0 ? null : v.Breaks.Select(b => new BreakDocument { Window = [b.Window.StartSeconds, b.Window.EndSeconds], DurationSeconds = b.DurationSeconds }).ToList(),
                MaxTrips = v.MaxTrips,
                ReloadSeconds = v.ReloadSeconds,
                Profile = v.Profile,
            }).ToList(),
            Tasks = model.Tasks.Select(t => new TaskDocument
            {
                Id = t.Id,
                Visit = t.Delivery is null ? FromStop(t.Pickup) : null,
                Pickup = t.Delivery is null ? null : FromStop(t.Pickup),
                Delivery = t.Delivery is null ? null : FromStop(t.Delivery),
                Load = t.Load.Count == 0 ? null : t.Load.ToList(),
                Skills = t.Skills.Count == 0 ? null : t.Skills.ToList(),
                DropPenalty = t.DropPenalty == TaskSpec.DefaultDropPenalty ? null : t.DropPenalty,
                MaxRideSeconds = t.MaxRideSeconds,
                Pin = t.Pin is null ? null : new PinDocument { Vehicle = model.Vehicles[t.Pin.Vehicle].Id, Trip = t.Pin.Trip, Position = t.Pin.Position, DeliveryPosition = t.Pin.DeliveryPosition },
            }).ToList(),
            Links = model.Links.Count == 0 ? null : model.Links.Select(l => new LinkDocument { From = model.Tasks[l.FromTask].Id, To = model.Tasks[l.ToTask].Id, MinGapSeconds = l.MinGapSeconds, MaxGapSeconds = l.MaxGapSeconds }).ToList(),
        };
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>Writes a solution: routes per vehicle and trip with times and loads, unassigned tasks with reason codes.</summary>
    public static string WriteSolution(RoutingModel model, RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(solution);
        var document = new SolutionDocument
        {
            FormatVersion = SolverAssembly.ModelFormatVersion,
            Cost = solution.Cost,
            VehiclesUsed = solution.VehiclesUsed,
            Metres = solution.Metres,
            Routes = solution.Routes.Select(r => new RouteDocument
            {
                Vehicle = model.Vehicles[r.Vehicle].Id,
                Trip = r.Trip,
                Metres = r.Metres,
                TravelSeconds = r.TravelSeconds,
                Cost = r.Cost,
                Visits = r.Visits.Select(v => new VisitDocument
                {
                    Kind = v.Kind,
                    Task = v.Kind is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery ? model.Tasks[v.Index].Id : null,
                    Break = v.Kind == VisitKind.Break ? v.Index : null,
                    Location = v.Location,
                    Arrival = v.ArrivalSeconds,
                    Start = v.StartSeconds,
                    Departure = v.DepartureSeconds,
                    Load = v.LoadAfter.ToList(),
                }).ToList(),
            }).ToList(),
            Unassigned = solution.Unassigned.Select(u => new UnassignedDocument { Task = model.Tasks[u.Task].Id, Reason = u.Reason }).ToList(),
        };
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>Reads the trips of a previous solution as a starting point for <paramref name="model"/> (unknown ids are skipped).</summary>
    public static IReadOnlyList<InitialTrip> ReadInitialTrips(RoutingModel model, string solutionJson)
    {
        ArgumentNullException.ThrowIfNull(model);
        var document = JsonSerializer.Deserialize<SolutionDocument>(solutionJson, Options);
        var vehicles = model.Vehicles.Select((v, i) => (v.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var tasks = model.Tasks.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var trips = new List<InitialTrip>();
        foreach (var route in document?.Routes ?? [])
        {
            if (route.Vehicle is null || !vehicles.TryGetValue(route.Vehicle, out int v))
            {
                continue;
            }

            var ids = (route.Visits ?? []).Where(x => x.Task is not null && tasks.ContainsKey(x.Task)).Select(x => tasks[x.Task!]).ToList();
            trips.Add(new InitialTrip(v, route.Trip, ids));
        }

        return trips;
    }

    private static Matrix ToMatrix(string field, List<List<int>>? rows)
    {
        if (rows is null)
        {
            throw new ModelValidationException(field, null, "is required");
        }

        int n = rows.Count;
        var values = new int[n * n];
        for (int i = 0; i < n; i++)
        {
            if (rows[i] is null || rows[i].Count != n)
            {
                throw new ModelValidationException($"{field}[{i}].length", rows[i]?.Count, $"every row needs {n} values");
            }

            for (int j = 0; j < n; j++)
            {
                values[(i * n) + j] = rows[i][j];
            }
        }

        return new Matrix(n, values);
    }

    private static List<List<int>> FromMatrix(Matrix matrix)
    {
        var rows = new List<List<int>>(matrix.Size);
        for (int i = 0; i < matrix.Size; i++)
        {
            rows.Add(matrix.Row(i).ToArray().ToList());
        }

        return rows;
    }

    private static TimeWindow? ToWindow(string field, List<int>? pair)
    {
        if (pair is null)
        {
            return null;
        }

        if (pair.Count != 2)
        {
            throw new ModelValidationException($"{field}.length", pair.Count, "a window is [start, end]");
        }

        return new TimeWindow(pair[0], pair[1]);
    }

    private static StopSpec ToStop(string field, StopDocument? stop)
    {
        if (stop is null)
        {
            throw new ModelValidationException(field, null, "is required");
        }

        var windows = (stop.Windows ?? []).Select((w, i) => ToWindow($"{field}.windows[{i}]", w)!.Value).ToArray();
        return new StopSpec(stop.Location, stop.ServiceSeconds, windows);
    }

    private static StopDocument FromStop(StopSpec stop) => new()
    {
        Location = stop.Location,
        ServiceSeconds = stop.ServiceSeconds,
        Windows = stop.Windows.Count == 0 ? null : stop.Windows.Select(w => new List<int> { w.StartSeconds, w.EndSeconds }).ToList(),
    };

    // The DTOs mirror the documented format one to one; they are mutable only for the serializer.
    private sealed class ModelDocument
    {
        public int FormatVersion { get; set; } = SolverAssembly.ModelFormatVersion;

        public int Dimensions { get; set; } = 1;

        public List<ProfileDocument>? Profiles { get; set; }

        public List<VehicleDocument>? Vehicles { get; set; }

        public List<TaskDocument>? Tasks { get; set; }

        public List<LinkDocument>? Links { get; set; }
    }

    private sealed class ProfileDocument
    {
        public string? Name { get; set; }

        public List<List<int>>? Seconds { get; set; }

        public List<List<int>>? Metres { get; set; }
    }

    private sealed class VehicleDocument
    {
        public string? Id { get; set; }

        public int Start { get; set; }

        public int? End { get; set; }

        public List<int>? Shift { get; set; }

        public List<int>? Capacity { get; set; }

        public List<string>? Skills { get; set; }

        public long FixedCost { get; set; }

        public int CostPerSecond { get; set; }

        public int? CostPerMetre { get; set; }

        public int? MaxDurationSeconds { get; set; }

        public List<BreakDocument>? Breaks { get; set; }

        public int? MaxTrips { get; set; }

        public int ReloadSeconds { get; set; }

        public int Profile { get; set; }
    }

    private sealed class BreakDocument
    {
        public List<int>? Window { get; set; }

        public int DurationSeconds { get; set; }
    }

    private sealed class StopDocument
    {
        public int Location { get; set; }

        public int ServiceSeconds { get; set; }

        public List<List<int>>? Windows { get; set; }
    }

    private sealed class TaskDocument
    {
        public string? Id { get; set; }

        public StopDocument? Visit { get; set; }

        public StopDocument? Pickup { get; set; }

        public StopDocument? Delivery { get; set; }

        public List<int>? Load { get; set; }

        public List<string>? Skills { get; set; }

        public long? DropPenalty { get; set; }

        public int? MaxRideSeconds { get; set; }

        public PinDocument? Pin { get; set; }
    }

    private sealed class PinDocument
    {
        public string? Vehicle { get; set; }

        public int? Trip { get; set; }

        public int? Position { get; set; }

        public int? DeliveryPosition { get; set; }
    }

    private sealed class LinkDocument
    {
        public string? From { get; set; }

        public string? To { get; set; }

        public int MinGapSeconds { get; set; }

        public int? MaxGapSeconds { get; set; }
    }

    private sealed class SolutionDocument
    {
        public int FormatVersion { get; set; }

        public long Cost { get; set; }

        public int VehiclesUsed { get; set; }

        public long Metres { get; set; }

        public List<RouteDocument>? Routes { get; set; }

        public List<UnassignedDocument>? Unassigned { get; set; }
    }

    private sealed class RouteDocument
    {
        public string? Vehicle { get; set; }

        public int Trip { get; set; }

        public long Metres { get; set; }

        public long TravelSeconds { get; set; }

        public long Cost { get; set; }

        public List<VisitDocument>? Visits { get; set; }
    }

    private sealed class VisitDocument
    {
        public VisitKind Kind { get; set; }

        public string? Task { get; set; }

        public int? Break { get; set; }

        public int Location { get; set; }

        public int Arrival { get; set; }

        public int Start { get; set; }

        public int Departure { get; set; }

        public List<int>? Load { get; set; }
    }

    private sealed class UnassignedDocument
    {
        public string? Task { get; set; }

        public UnassignedReason Reason { get; set; }
    }
}
