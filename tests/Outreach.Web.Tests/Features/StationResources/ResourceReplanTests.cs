using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Web.Tests.Features.Jobs;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Features.StationResources.StationResourceTestKit;

namespace Outreach.Web.Tests.Features.StationResources;

/// <summary>
/// Issues 15 and 17 together: what a chief enters on the unit's pages is what plans are made from, so a saved van
/// asks for the re-plan of the planned days it can change (the pages, the imports and the API all write through PlanInputs).
/// </summary>
public sealed class ResourceReplanTests
{
    [Fact]
    public async Task SaveVan_OnThePage_AsksForThePlannedDaysRePlan()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        Assert.Empty(await Replans.PendingAsync(app));

        await PostAsync(chief, $"/staff/vans?station={Id(plan.Station.Id)}&id={Id(plan.Van.Id)}", "save-van", new()
        {
            ["name"] = plan.Van.Name, ["plate"] = plan.Van.Plate!, ["seatCount"] = "4", ["wheelchairPlaces"] = "1", ["childSeatCount"] = "1", ["profile"] = "Van",
        });

        Assert.Equal(4, (await app.Services.GetRequiredService<FleetStore>().GetVehicleAsync(plan.Van.Id))!.SeatCount);
        var pending = Assert.Single(await Replans.PendingAsync(app));
        Assert.Equal((plan.Station.Id, plan.Date, ReplanReasons.FleetChanged), (pending.StationId, pending.PeriodStart, pending.Reasons));
    }

    [Fact]
    public async Task RemoveVan_OnThePage_AsksForThePlannedDaysRePlan_ThePlannedVanIsRefused()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var fleet = app.Services.GetRequiredService<FleetStore>();
        var spare = await fleet.InsertVehicleAsync(new Vehicle(0, plan.Station.Id, "Xe dự phòng", null, 7, 0, 0, VehicleProfile.Van));
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var refused = await PostAsync(chief, $"/staff/vans?station={Id(plan.Station.Id)}&id={Id(plan.Van.Id)}", "remove-van", []);
        Assert.Empty(await Replans.PendingAsync(app));
        await PostAsync(chief, $"/staff/vans?station={Id(plan.Station.Id)}&id={Id(spare)}", "remove-van", []);

        Assert.Contains($"<li>Xe đang có trong kế hoạch đón ngày {plan.Date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}</li>", refused, StringComparison.Ordinal);
        Assert.NotNull((await fleet.GetVehicleAsync(spare))!.RemovedAt);
        var pending = Assert.Single(await Replans.PendingAsync(app));
        Assert.Equal((plan.Station.Id, plan.Date, ReplanReasons.FleetChanged), (pending.StationId, pending.PeriodStart, pending.Reasons));
    }
}
