using Outreach.Domain;
using Outreach.Geo.Fallback;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;

namespace Outreach.Planning.Visits;

/// <summary>
/// The facts of one station's week that <see cref="WeekVisitPlanner"/> plans from: the open visit requests and their
/// sites, the station's teams and officers (for leave), holidays, the weather of each day and the station's road
/// network (null on areas with an outline only: travel is then estimated and labelled so).
/// </summary>
public sealed record VisitPlanningInput
{
    public required Station Station { get; init; }

    /// <summary>The Monday the week starts on (local date).</summary>
    public required DateOnly Monday { get; init; }

    /// <summary>Visit requests; only <see cref="VisitRequestStatus.Open"/> ones with applicants are planned.</summary>
    public required IReadOnlyList<VisitRequest> Requests { get; init; }

    /// <summary>Every site a request names.</summary>
    public required IReadOnlyList<Site> Sites { get; init; }

    public required IReadOnlyList<Team> Teams { get; init; }

    /// <summary>The station's officers: their leave decides who is present in a team each day.</summary>
    public IReadOnlyList<Officer> Officers { get; init; } = [];

    /// <summary>Public holidays and bridge days (any range; those inside the week count).</summary>
    public IReadOnlyList<Holiday> Holidays { get; init; } = [];

    /// <summary>Weather per local date of the station; a day without an entry is dry with no closures.</summary>
    public IReadOnlyList<WeatherState> Weather { get; init; } = [];

    /// <summary>The station's road network, or null to estimate travel from straight-line distance.</summary>
    public RoadNetwork? Network { get; init; }

    /// <summary>Terrain per site id for estimated travel (default <see cref="TerrainClass.Rural"/>); the station's own point uses <see cref="StationTerrain"/>.</summary>
    public IReadOnlyDictionary<long, TerrainClass> SiteTerrain { get; init; } = new Dictionary<long, TerrainClass>();

    public TerrainClass StationTerrain { get; init; } = TerrainClass.Urban;

    /// <summary>
    /// The week's published version, if any: what village heads and families were told. Its visits stay with their team
    /// and day (times may move within the windows) while they still fit; new requests go around them.
    /// </summary>
    public PlanContent? Published { get; init; }
}

/// <summary>
/// How the week is planned. Minutes and hours as named. Defaults follow DOMAIN.md and the field reports; a chief
/// may override any of them.
/// </summary>
public sealed record VisitPlanningOptions
{
    /// <summary>Wall-time budget of the search (both phases together).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Iteration limit per solver run, or null; with only an iteration limit plans are reproducible for a seed.</summary>
    public long? MaxIterations { get; init; }

    public long Seed { get; init; } = 1;

    /// <summary>Parallel searches per solver run (the machine has few cores; web requests keep 1).</summary>
    public int Parallelism { get; init; } = 1;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Work after this local time counts against a team's evening hours.</summary>
    public TimeOnly EveningStarts { get; init; } = new(17, 0);

    /// <summary>
    /// Longest duty of a team in one day, from leaving the station to coming back, waiting included: 12 h, the Labour
    /// Code's ceiling of normal hours plus overtime in a day (art. 107: overtime at most 50 % of the normal 8 h).
    /// </summary>
    public int MaxDutyHoursPerDay { get; init; } = 12;

    /// <summary>Weekly rest days: work on them (and on public holidays) counts against the holiday hours.</summary>
    public IReadOnlyList<DayOfWeek> RestDays { get; init; } = [DayOfWeek.Sunday];

    /// <summary>
    /// Officers a team needs present to go out at all (a team is 2-4 officers: one captures, one handles intake and
    /// safety). Fewer present, and the team stays at the station that day.
    /// </summary>
    public int MinimumCrew { get; init; } = 2;

    /// <summary>Target capture time of one session (at one kit): large requests are split into sessions this long, so a
    /// site can be shared between days and teams and a partly served site is served in whole sessions.</summary>
    public int SessionMinutes { get; init; } = 30;

    /// <summary>Most sessions (first and repeat) in one model; beyond it sessions grow longer.</summary>
    public int MaxSessions { get; init; } = 900;

    /// <summary>A repeat visit starts at least this long after the end of the visit whose failures it retries, which
    /// puts it on a later day for any shift ending before 23:00 (checked again when the plan is read out).</summary>
    public int RepeatMinGapHours { get; init; } = 16;

    /// <summary>Value of a repeat capture relative to a first capture of the same person.</summary>
    public double RepeatValueShare { get; init; } = 0.5;

    /// <summary>Cost of sending a team out on a rest day or holiday (metre equivalents): such days are used only when they serve someone.</summary>
    public long RestDayTeamCost { get; init; } = 30_000;

    /// <summary>Cost per second of travel (and capture, which is folded into travel) beside 1 per metre.</summary>
    public int CostPerSecond { get; init; } = 1;

    /// <summary>
    /// Re-time each team-day after the solve (see <see cref="TeamDayTiming"/>): leave the station as late as the visits
    /// allow, arrive and set up just before capture, go back to the station across long gaps. False keeps the engine's
    /// own times (each stop as early as possible, waiting at the sites): for comparison in benchmarks.
    /// </summary>
    public bool RetimeTeamDays { get; init; } = true;

    /// <summary>
    /// A team goes back to the station between two visits when it would be there at least this long (after the drive
    /// back, before the drive out and a new set-up). An hour: less is not worth two more legs of fuel and road risk, and
    /// is too short to unload, charge the kit, enter the files captured and eat; an hour or more at the station is
    /// useful desk time, and no longer time spent waiting at a village house or a family's home. 0 turns returns off.
    /// </summary>
    public int StationBreakMinutes { get; init; } = 60;

    /// <summary>Snapping of sites to the van and motorbike networks (defaults of Geo when null).</summary>
    public SnapOptions? VanSnap { get; init; }

    public SnapOptions? MotorbikeSnap { get; init; }

    public static VisitPlanningOptions Default { get; } = new();
}
