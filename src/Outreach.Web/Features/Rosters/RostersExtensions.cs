using System.Globalization;
using Outreach.Data;
using Outreach.Jobs.Rosters;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.Rosters;

/// <summary>
/// The duty roster (pages under /staff/rosters): the roster service over the stores, CP-SAT's time from
/// Outreach:Planning:RosterSeconds (default 5), and the exports (grid CSV, an officer's iCalendar).
/// </summary>
public static class RostersExtensions
{
    public const string SecondsKey = "Outreach:Planning:RosterSeconds";

    public static IServiceCollection AddRosters(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var seconds = sp.GetRequiredService<IConfiguration>().GetValue(SecondsKey, 5.0);
            if (!(seconds is > 0 and <= 600))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{SecondsKey} = {seconds}: must be in (0, 600] seconds."));
            }

            return new RosterPlanningServiceOptions { TimeLimit = TimeSpan.FromSeconds(seconds) };
        });
        services.AddSingleton<RosterPlanningService>();
        return services;
    }

    public static IEndpointRouteBuilder MapRosterExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/rosters/plans/{planId:long}/roster.csv", async (long planId, DataStores stores, CancellationToken cancellationToken) =>
            {
                var content = await stores.Rosters.GetAsync(planId, cancellationToken);
                if (content is null)
                {
                    return Results.NotFound();
                }

                var officers = await stores.Officers.ListByStationAsync(content.Plan.StationId, includeRemoved: true, cancellationToken);
                return Results.File(RosterExports.Csv(content, officers), "text/csv; charset=utf-8",
                    string.Create(CultureInfo.InvariantCulture, $"lich-truc-{content.Plan.PeriodStart:yyyy-MM-dd}-ban-{content.Plan.Version}.csv"));
            })
            .RequireAuthorization(Policies.Dispatcher)
            .ActsOnStation(StationSource.Route, "planId", StationKey.Plan);
        endpoints.MapGet("/staff/rosters/plans/{planId:long}/officers/{officerId:long}.ics", async (long planId, long officerId, DataStores stores, CancellationToken cancellationToken) =>
            {
                var content = await stores.Rosters.GetAsync(planId, cancellationToken);
                var officer = content is null ? null : await stores.Officers.GetAsync(officerId, cancellationToken);
                if (content is null || officer is null || officer.StationId != content.Plan.StationId)
                {
                    return Results.NotFound();
                }

                var station = await stores.Stations.GetAsync(content.Plan.StationId, cancellationToken);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(RosterExports.Ical(content, officer, station?.CollectionPointName ?? "")), "text/calendar; charset=utf-8",
                    string.Create(CultureInfo.InvariantCulture, $"lich-truc-{content.Plan.PeriodStart:yyyy-MM-dd}-can-bo-{officer.Id}.ics"));
            })
            .RequireAuthorization(Policies.Dispatcher)
            .ActsOnStation(StationSource.Route, "planId", StationKey.Plan);
        return endpoints;
    }
}
