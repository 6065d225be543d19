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

/// <summary>
/// The team goes back to the station after stop <see cref="AfterStop"/> (its sequence) and leaves again for the next
/// stop, because the gap between the two is long (see <see cref="VisitPlanningOptions.StationBreakMinutes"/>).
/// <see cref="Metres"/> and <see cref="TravelSeconds"/> are of the two legs through the station.
/// </summary>
public sealed record StationReturn(int AfterStop, TimeOnly Back, TimeOnly Leave, int Metres, int TravelSeconds)
{
    /// <summary>Minutes at the station.</summary>
    public int Minutes => (int)(Leave - Back).TotalMinutes;
}

/// <summary>
/// A team's day: leave the station, the stops in order (with any <see cref="StationReturns"/> between them), return.
/// Metres and seconds of road travel only, the legs through the station included. <see cref="EveningMinutes"/> and
/// <see cref="HolidayMinutes"/> count time away from the station (after evening start on weekdays; all of it on rest
/// days and holidays): a team back at the station between two visits is not on a field shift. <see cref="IdleMinutes"/>
/// is the time away from the station spent neither on the road, setting up nor capturing.
/// </summary>
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
    int HolidayMinutes,
    IReadOnlyList<StationReturn> StationReturns,
    int IdleMinutes)
{
    public int PeopleCaptured => Stops.Sum(s => s.People);

    public int RepeatCaptures => Stops.Sum(s => s.RepeatPeople);

    /// <summary>Minutes the team waits with the kit set up for people to come (see <see cref="ItineraryStop.WaitMinutes"/>).</summary>
    public int SiteWaitMinutes => Stops.Sum(s => s.WaitMinutes);

    /// <summary>Minutes back at the station between visits.</summary>
    public int StationMinutes => StationReturns.Sum(r => r.Minutes);
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

/// <summary>
/// Headline figures of a week plan. <see cref="SiteWaitMinutes"/>: waiting with the kit set up for people to come;
/// <see cref="IdleMinutes"/>: time away from the station neither on the road, setting up nor capturing (waits
/// included); <see cref="StationReturns"/> and <see cref="StationMinutes"/>: returns to the station between visits.
/// </summary>
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
    string TravelSource,
    int SiteWaitMinutes = 0,
    int IdleMinutes = 0,
    int StationReturns = 0,
    int StationMinutes = 0);

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
