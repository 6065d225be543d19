using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

public sealed class RouteSheetServiceTests
{
    [Fact]
    public async Task GetAsync_OutboundTrip_StopsInOrderWithPeopleAndSeatsAfterEachStop()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var service = app.Services.GetRequiredService<RouteSheetService>();

        var sheet = await service.GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        // 8 plan rows become 4 stops: the two school rows are one stop, the three collection-point rows and the end are one.
        Assert.NotNull(sheet);
        Assert.Equal([1, 2, 3, 4], sheet.Stops.Select(s => s.Number));
        Assert.Equal(["Trụ sở UBND phường Xuân Hòa", "Trường Tiểu học Trần Quốc Thảo", "Hường", "Trụ sở UBND phường Xuân Hòa"], sheet.Stops.Select(s => s.Place.Name));
        Assert.Equal(["07:30", "07:40", "07:52", "08:05"], sheet.Stops.Select(s => s.ArrivalText));
        Assert.Equal([0, 4, 6, 0], sheet.Stops.Select(s => s.SeatsAfter));
        Assert.True(sheet.Stops[0].IsStart);
        Assert.True(sheet.Stops[3].IsEnd);
        Assert.Equal(StopKind.CollectionPoint, sheet.Stops[3].Kind);

        var school = sheet.Stops[1];
        Assert.Equal([plan.Bookings["Lan"].Code, plan.Bookings["Minh"].Code], school.Boarding.Select(p => p.Code));
        Assert.Equal(["Lan", "Minh"], school.Boarding.Select(p => p.FirstName));
        Assert.Equal(4, school.BoardingCount);
        Assert.Equal(BookingNeeds.Wheelchair, school.Boarding[1].Needs);
        Assert.Equal("0903 111 222", school.Boarding[1].PhoneText);
        Assert.Empty(school.Alighting);
        Assert.Equal("07:46", school.DepartureText);

        var home = sheet.Stops[2];
        Assert.Equal(SiteKind.Home, home.Place.Kind);
        Assert.Equal("Hẻm 42 Trần Quốc Thảo, cổng xanh", home.Place.HomeAddressNote);
        Assert.Equal("10.78620, 106.68840", home.Place.Coordinates);
        Assert.Equal("geo:10.78620,106.68840?q=10.78620,106.68840", home.Place.GeoUri);
        Assert.Equal(BookingNeeds.ChildSeat, Assert.Single(home.Boarding).Needs);

        var end = sheet.Stops[3];
        Assert.Equal(["Lan", "Minh", "Hường"], end.Alighting.Select(p => p.FirstName));
        Assert.Equal(6, end.AlightingCount);
        Assert.Equal("99-99A Trần Quốc Thảo, phường Xuân Hòa", sheet.Stops[0].Place.Address);

        Assert.Equal(new SheetTotals(4, 3, 3, 3, 6, 6, 0), sheet.Totals);
        Assert.Equal(1.0, sheet.Totals.Utilisation);
        Assert.Equal(HandBuiltPlans.Local(plan.Date, "07:30"), sheet.Departure);
        Assert.Equal(HandBuiltPlans.Local(plan.Date, "08:05"), sheet.Return);
        Assert.Null(sheet.NewerVersion);
    }

    [Fact]
    public async Task GetAsync_ReturnTrip_BoardAtTheCollectionPointAndAlightAtHomeThenSchool()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var service = app.Services.GetRequiredService<RouteSheetService>();

        var sheet = await service.GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 2));

        Assert.NotNull(sheet);
        Assert.Equal(4, sheet.Stops.Count);
        Assert.Equal(["Lan", "Minh", "Hường"], sheet.Stops[0].Boarding.Select(p => p.FirstName));
        Assert.Equal(["Hường"], sheet.Stops[1].Alighting.Select(p => p.FirstName));
        Assert.Equal(["Lan", "Minh"], sheet.Stops[2].Alighting.Select(p => p.FirstName));
        Assert.Equal([6, 4, 0, 0], sheet.Stops.Select(s => s.SeatsAfter));
    }

    [Fact]
    public async Task GetAsync_OnTheRoadSample_LegsFollowTheRoadsWithOsmAttribution()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);

        var sheet = await app.Services.GetRequiredService<RouteSheetService>()
            .GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        // Three legs (office → school → home → office), each routed on the roads with a travel time; the start and
        // end share one marker; the background has roads; the map names OpenStreetMap.
        var map = sheet!.Map;
        Assert.Equal(3, map.Legs.Count);
        Assert.All(map.Legs, l => Assert.False(l.IsEstimated));
        Assert.All(map.Legs, l => Assert.True(l.Points.Count > 2 && l.DurationSeconds > 0));
        Assert.Equal(["1·4", "2", "3"], map.Markers.Select(m => m.Label));
        Assert.NotEmpty(map.Roads);
        Assert.Equal(MapSources.OpenStreetMap, map.Sources);
        Assert.All(sheet.Stops, s => Assert.True(map.Box.Contains(s.Place.Location)));
    }

    [Fact]
    public async Task GetAsync_OutlineOnlyArea_StraightEstimatedLegsOverTheUnitOutline()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongAsync(app.Services);

        var sheet = await app.Services.GetRequiredService<RouteSheetService>()
            .GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        // Sông Công has no roads file: every leg is a 2-point straight line marked estimated, the city outline is the
        // background (dvhcvn), and illustrative positions are flagged on the stops and markers.
        var map = sheet!.Map;
        Assert.All(map.Legs, l => Assert.True(l.IsEstimated && l.Points.Count == 2 && l.DurationSeconds is null));
        Assert.True(map.IsEstimated);
        Assert.Empty(map.Roads);
        Assert.NotEmpty(map.Outline);
        Assert.Equal(MapSources.Dvhcvn, map.Sources);
        Assert.All(map.Markers, m => Assert.True(m.IsIllustrative));
        Assert.True(sheet.Stops[1].Place.IsIllustrativePosition);
        Assert.Equal("Xã Bình Sơn", sheet.Stops[1].Place.UnitName);
        Assert.Equal("Phường Cải Đan", sheet.Stops[2].Place.UnitName);
    }

    [Fact]
    public async Task GetAsync_CancelledBookingAndNewerPublishedVersion_AreFlagged()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var plans = app.Services.GetRequiredService<PlanStore>();
        await app.Services.GetRequiredService<BookingStore>().CancelAsync(plan.Bookings["Minh"].Id);
        var second = await plans.SaveNewVersionAsync(plan.Content);
        Assert.True(await plans.PublishAsync(second.Plan.Id));

        var sheet = await app.Services.GetRequiredService<RouteSheetService>()
            .GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        Assert.Equal(2, sheet!.NewerVersion);
        var minh = sheet.Stops[1].Boarding.Single(p => p.FirstName == "Minh");
        Assert.True(minh.IsOff);
        Assert.Equal(BookingStatus.Cancelled, minh.Status);
        Assert.False(sheet.Stops[1].Boarding.Single(p => p.FirstName == "Lan").IsOff);
    }

    [Fact]
    public async Task ListAsync_WholePlan_EveryTripInOrder_UnknownTripIsNull()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var service = app.Services.GetRequiredService<RouteSheetService>();

        var sheets = await service.ListAsync(plan.PlanId);

        Assert.Equal([1, 2], sheets.Select(s => s.Key.TripNumber));
        Assert.Null(await service.GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 3)));
        Assert.Null(await service.GetAsync(new TripKey(plan.PlanId + 100, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1)));
        Assert.Empty(await service.ListAsync(plan.PlanId, plan.Date.AddDays(1)));
    }
}
