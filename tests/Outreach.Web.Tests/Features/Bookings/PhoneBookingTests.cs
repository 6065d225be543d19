using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>The staff phone-in path: one or several families entered together, all or nothing.</summary>
public sealed class PhoneBookingTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private const string Url = "/staff/phone-booking";

    [Fact]
    public async Task PhonePage_Anonymous_RedirectsToSignIn()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(Url);

        Assert.StartsWith("/sign-in", Forms.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PhonePage_Driver_IsDenied()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = await app.SignedInAsync(StaffRole.Driver, scenario.StationId);

        using var response = await client.GetAsync(Url);

        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_VillageHeadsThreeFamilies_AllStoredWithTheirOwnCodesInOneGo()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = await app.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);
        var url = $"{Url}?station={scenario.StationId}&date={BookingScenario.TuesdayKey}";

        using var response = await Forms.SubmitAsync(client, url, Rows(scenario, ("Hoa", "0911111111", 2), ("Tuấn", "0922222222", 1), ("Mai", "0933333333", 3)), "phone-booking");

        var location = Forms.Location(response)!;
        Assert.StartsWith($"{Url}?station={scenario.StationId}&date={BookingScenario.TuesdayKey}&saved=", location, StringComparison.Ordinal);
        var stored = await app.Services.GetRequiredService<BookingStore>().ListAsync(scenario.StationId, BookingScenario.Tuesday, BookingScenario.Tuesday);
        Assert.Equal(["Hoa", "Tuấn", "Mai"], stored.Select(b => b.ContactFirstName));
        Assert.Equal(3, stored.Select(b => b.Code).Distinct().Count());
        var page = await client.GetStringAsync(location);
        Assert.Contains("id=\"saved-bookings\"", page, StringComparison.Ordinal);
        Assert.All(stored, b => Assert.Contains(b.Code, page, StringComparison.Ordinal));

        // A booking taken on the phone is a seat on a van, as a family's own: all three are in the day's live plan, both ways.
        var live = await app.Services.GetRequiredService<BookingStore>().GetLivePlanAsync(scenario.StationId, BookingScenario.Tuesday);
        var plan = Outreach.Planning.Pickups.LivePlanJson.Read(live!.Value.Content)!;
        Assert.Equal(stored.Select(b => b.Id).Order(), plan.Bookings.Select(b => b.BookingId).Order());
        Assert.Empty(plan.Unserved);
    }

    [Fact]
    public async Task Save_OneFamilyDoesNotFit_NothingStoredAndThatRowSaysWhyWithAlternatives()
    {
        // An 8-seat van: 2 + 1 and 3 + 1 fit (7 seats), then 1 + 1 would make 9.
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8);
        using var client = await app.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);
        var url = $"{Url}?station={scenario.StationId}&date={BookingScenario.TuesdayKey}";

        using var response = await Forms.SubmitAsync(client, url, Rows(scenario, ("Hoa", "0911111111", 2), ("Tuấn", "0922222222", 3), ("Mai", "0933333333", 1)), "phone-booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"phone-not-saved\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"slot-2-error\">Gia đình 3: hết chỗ trên xe. Giờ còn chỗ gần nhất:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("slot-0-error", html, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<BookingStore>().ListAsync(scenario.StationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true));
    }

    [Fact]
    public async Task Save_WrongPhoneInSecondRow_ErrorNamesTheFamilyAndTheField()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        var url = $"{Url}?station={scenario.StationId}&date={BookingScenario.TuesdayKey}";

        using var response = await Forms.SubmitAsync(client, url, Rows(scenario, ("Hoa", "0911111111", 2), ("Tuấn", "123", 1)), "phone-booking");

        Assert.Contains("id=\"phone-1-error\">Gia đình 2 – Số điện thoại: “123” không đúng.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRow_KeepsTheRowsTypedAndStartsTheNewOneFromTheLast()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = await app.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);
        var url = $"{Url}?station={scenario.StationId}&date={BookingScenario.TuesdayKey}";
        var fields = Rows(scenario, ("Hoa", "0911111111", 2));
        fields["action"] = "add";

        using var response = await Forms.SubmitAsync(client, url, fields, "phone-booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("name=\"rows\" value=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Hoa\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"slot-1\"", html, StringComparison.Ordinal);
        Assert.Matches($"<option value=\"{scenario.CulturalHouseId}\" selected", html[html.IndexOf("id=\"site-1\"", StringComparison.Ordinal)..]);
    }

    private static Dictionary<string, string> Rows(BookingScenario scenario, params (string Name, string Phone, int Children)[] families)
    {
        var fields = new Dictionary<string, string>
        {
            ["station"] = scenario.StationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["date"] = BookingScenario.TuesdayKey,
            ["rows"] = families.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["action"] = "save",
        };
        for (var i = 0; i < families.Length; i++)
        {
            fields[$"slot-{i}"] = "09:00";
            fields[$"site-{i}"] = scenario.CulturalHouseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"children-{i}"] = families[i].Children.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"guardians-{i}"] = "1";
            fields[$"firstName-{i}"] = families[i].Name;
            fields[$"phone-{i}"] = families[i].Phone;
        }

        return fields;
    }
}
