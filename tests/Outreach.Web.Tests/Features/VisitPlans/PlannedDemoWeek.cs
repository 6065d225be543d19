using Microsoft.Extensions.DependencyInjection;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Jobs.Visits;
using Outreach.Planning.Visits;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.VisitPlans;

/// <summary>
/// The seeded Sông Công demo week (Monday 30 November 2026: the week after the test clock's Monday) planned the way the
/// week board plans it, but with an iteration cap instead of a time budget, so every run gets the same plan whatever
/// the machine's load (seed 1, one worker). The app must have been started with Outreach:SeedDemo=true.
/// </summary>
public static class PlannedDemoWeek
{
    public static readonly DateOnly Monday = new(2026, 11, 30);

    public const string StationName = "Công an thành phố Sông Công";

    /// <summary>Plans and saves the week as a new draft version; returns the stored plan.</summary>
    public static async Task<PlanContent> PlanAsync(OutreachAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stores = app.Services.GetRequiredService<DataStores>();
        var station = await stores.Stations.GetByNameAsync(StationName) ?? throw new InvalidOperationException("the demo is not seeded");
        var service = new VisitPlanningService(
            stores,
            app.Services.GetRequiredService<MatrixCache>(),
            new VisitPlanningServiceOptions
            {
                MapsRoot = Path.Combine(RepoRoot.Path, "maps"),
                TimeLimit = TimeSpan.FromSeconds(60),
                Planner = VisitPlanningOptions.Default with { MaxIterations = 1500 },
            },
            app.Clock);
        return (await service.PlanWeekAsync(station.Id, Monday, "truong-cong-an")).Saved;
    }
}
