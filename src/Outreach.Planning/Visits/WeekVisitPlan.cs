using Outreach.Domain;
using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Visits;

public enum ItineraryStopKind
{
    /// <summary>First captures of the visit request's applicants.</summary>
    Visit,

    /// <summary>A return on a later day for the expected failed captures of an earlier visit of the same request.</summary>
    RepeatVisit,
}

/// <summary>
/// One stop of a team's day: arrive, set up (skipped when the team continues at the same site), wait if people are
/// not there yet, capture <see cref="People"/> for the first time and retry <see cref="RepeatPeople"/> whose earlier
/// capture is expected to have failed, in any order between <see cref="CaptureStarts"/> and <see cref="Leave"/>.
/// <see cref="Kind"/> is <see cref="ItineraryStopKind.RepeatVisit"/> when the stop only retries. Local times
/// (Asia/Ho_Chi_Minh) on the itinerary's date.
/// </summary>
public sealed record ItineraryStop(
    int Sequence,
    ItineraryStopKind Kind,
    long VisitRequestId,
    long SiteId,
    string SiteName,
    TimeOnly Arrive,
    TimeOnly SetupEnds,
    TimeOnly CaptureStarts,
    TimeOnly Leave,
    int People,
    CategoryCounts Captured,
    int Sessions,
    int TravelSecondsFromPrevious,
    int MetresFromPrevious,
    bool ContinuesAtSameSite,
    RequiredPresence Presence,
    int RepeatPeople = 0,
    CategoryCounts RepeatCaptured = default)
{
    /// <summary>Minutes between set-up done and capture start (people not there yet).</summary>
    public int WaitMinutes => (int)(CaptureStarts - SetupEnds).TotalMinutes;
}

/// <summary>A team's day: leave the station, the stops in order, return. Metres and seconds of road travel only.</summary>
public sealed record TeamDayItinerary(
    long TeamId,
    string TeamName,
    VehicleProfile Profile,
    DateOnly Date,
    int KitsInUse,
    bool IsShortHanded,
    bool IsRestDay,
    IReadOnlyList<long> PresentOfficerIds,
    TimeOnly LeaveStation,
    TimeOnly ReturnStation,
    IReadOnlyList<ItineraryStop> Stops,
    int Metres,
    int TravelSeconds,
    int EveningMinutes,
    int HolidayMinutes)
{
    public int PeopleCaptured => Stops.Sum(s => s.People);

    public int RepeatCaptures => Stops.Sum(s => s.RepeatPeople);
}

/// <summary>Why a request is not (fully) served, in both languages, with a stable code.</summary>
public sealed record VisitReason(string Code, string Vi, string En);

/// <summary>What the week does for one visit request: first captures planned of the total, repeats for expected failures.</summary>
public sealed record SiteCoverage(
    VisitRequest Request,
    Site Site,
    int Total,
    int Planned,
    CategoryCounts PlannedByCategory,
    int ExpectedFailures,
    int RepeatPlanned,
    IReadOnlyList<DateOnly> VisitDates,
    IReadOnlyList<DateOnly> RepeatDates,
    IReadOnlyList<long> TeamIds,
    VisitReason? Reason)
{
    public bool FullyServed => Planned >= Total;
}

/// <summary>One solver run (a phase of the plan), kept so tests and benchmarks can check it independently.</summary>
public sealed record VisitSolverRun(string Phase, RoutingModel Model, RoutingSolution Solution, IReadOnlyList<string> CheckerErrors, TimeSpan Elapsed);

/// <summary>Headline figures of a week plan.</summary>
public sealed record VisitPlanFigures(
    int Applicants,
    int Planned,
    double WeightedPlanned,
    double WeightedTotal,
    int Visits,
    int RepeatVisits,
    int RepeatCaptures,
    long Metres,
    int TravelSeconds,
    int EveningMinutes,
    int HolidayMinutes,
    int TeamDaysUsed,
    int TeamDaysAvailable,
    int Sessions,
    long Iterations,
    TimeSpan SolveTime,
    bool EstimatedTravel,
    string TravelSource);

/// <summary>
/// A planned week of mobile-team visits for one station: itineraries per team per day, coverage per visit request
/// with reasons for what is left, the team-days (who is present, short-handed or away) and the solver runs.
/// </summary>
public sealed record WeekVisitPlan(
    VisitWeek Week,
    Station Station,
    IReadOnlyList<TeamDayItinerary> Itineraries,
    IReadOnlyList<SiteCoverage> Coverage,
    IReadOnlyList<TeamDay> TeamDays,
    VisitPlanFigures Figures,
    IReadOnlyList<VisitSolverRun> SolverRuns)
{
    /// <summary>Every checker error of every solver run (empty when all passed).</summary>
    public IReadOnlyList<string> CheckerErrors => [.. SolverRuns.SelectMany(r => r.CheckerErrors.Select(e => $"{r.Phase}: {e}"))];
}
