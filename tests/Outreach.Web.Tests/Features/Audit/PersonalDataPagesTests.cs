using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Retention;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Audit;

/// <summary>
/// Issue 14, personal data (Decree 13/2023): a family sees and deletes its own data with code + phone, every step is in
/// the audit log, the log page shows a chief only their unit, the retention job removes old data, and no log line of a
/// whole booking flow carries a phone number or a name.
/// </summary>
public sealed class PersonalDataPagesTests : IDisposable
{
    private const string Name = "Xuyến";
    private readonly LogCapture logs = new();
    private readonly LoggingAppFactory app;

    public PersonalDataPagesTests()
    {
        app = new LoggingAppFactory(logs);
        app.Settings["Logging:LogLevel:Default"] = "Debug";
        app.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        app.Settings["Outreach:Metrics:Token"] = "bi-mat-do-luong-2026";
    }

    public void Dispose() => app.Dispose();

    private AuditLogStore Audit => app.Services.GetRequiredService<AuditLogStore>();

    private BookingStore Bookings => app.Services.GetRequiredService<BookingStore>();

    private async Task<(BookingScenario Scenario, HttpClient Family, string Code)> BookAsync(string phone = "0912 345 678")
    {
        var scenario = await BookingScenario.CreateAsync(app);
        var family = app.CreateBrowserLikeClient();
        var fields = scenario.Booking(phone: phone);
        fields["firstName"] = Name;
        using var response = await Forms.SubmitAsync(family, scenario.WizardUrl, fields, "booking");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (scenario, family, BookingPagesTests.ManageUrl().Match(Forms.Location(response)!).Groups[1].Value);
    }

    [Fact]
    public async Task DeleteMyData_AsksToConfirmThenRemovesNameAndPhoneAndEveryStepIsLogged()
    {
        var (scenario, family, code) = await BookAsync();
        var url = $"/booking/manage/{code}";
        var shown = await family.GetStringAsync(url);

        using var unticked = await Forms.SubmitAsync(family, url, new Dictionary<string, string>(), "delete-data");
        var untickedHtml = await unticked.Content.ReadAsStringAsync();
        var kept = await Bookings.GetByCodeAsync(code);
        using var ticked = await Forms.SubmitAsync(family, url, new Dictionary<string, string> { ["confirmDelete"] = "1" }, "delete-data");
        var after = await family.GetStringAsync($"{url}?deleted=1");
        using var stranger = app.CreateBrowserLikeClient();
        using var find = await Forms.SubmitAsync(stranger, "/booking/find", new Dictionary<string, string> { ["code"] = code, ["phone"] = "0912345678" }, "find-booking");

        Assert.Contains(Name, shown, StringComparison.Ordinal);
        Assert.Contains("id=\"confirmDelete-error\"", untickedHtml, StringComparison.Ordinal);
        Assert.Equal((Name, BookingStatus.Requested), (kept!.ContactFirstName, kept.Status));
        Assert.Equal($"{url}?deleted=1", Forms.Location(ticked));
        Assert.Contains("id=\"deleted\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, after, StringComparison.Ordinal);
        Assert.DoesNotContain("678", after, StringComparison.Ordinal);
        var stored = (await Bookings.GetByCodeAsync(code))!;
        Assert.Equal((BookingStatus.Cancelled, "", "", app.Clock.Now, 1, 1),
            (stored.Status, stored.ContactFirstName, stored.Phone, stored.AnonymisedAt, stored.ChildCount, stored.GuardianCount));
        Assert.Contains("id=\"find-error\"", await find.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entries = (await Audit.ListAsync(new AuditQuery(scenario.StationId, code))).OrderBy(e => e.Id).ToList();
        // Created; shown on the page, and again as each form was opened before posting; deleted.
        Assert.Equal([AuditAction.Create, AuditAction.View, AuditAction.View, AuditAction.View, AuditAction.Delete], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((AuditActorKind.Family, code, AuditSubject.Booking), (e.Actor.Kind, e.Actor.Name, e.Subject)));
    }

    [Fact]
    public async Task AuditPage_ChiefSeesOnlyTheirUnitAndFiltersByCode_AdminSeesEveryUnit()
    {
        var (mine, _, myCode) = await BookAsync();
        var (_, _, otherCode) = await BookAsync("0987 654 321");
        using var chief = await app.SignedInAsync(StaffRole.Chief, mine.StationId);
        using var admin = await app.SignedInAsync(StaffRole.Admin);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, mine.StationId);

        var chiefPage = await chief.GetStringAsync("/staff/audit");
        using var chiefOther = await chief.GetAsync($"/staff/audit?code={otherCode}");
        var filtered = WebUtility.HtmlDecode(await chief.GetStringAsync($"/staff/audit?code={myCode.ToLowerInvariant()}"));
        var adminPage = await admin.GetStringAsync("/staff/audit");
        using var dispatcherPage = await dispatcher.GetAsync("/staff/audit");

        Assert.Contains($">{myCode}<", chiefPage, StringComparison.Ordinal);
        Assert.DoesNotContain(otherCode, chiefPage, StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(chiefOther), StringComparison.Ordinal);
        Assert.Contains($">{myCode}<", filtered, StringComparison.Ordinal);
        Assert.Contains("Gia đình (mã + số điện thoại)", filtered, StringComparison.Ordinal);
        Assert.Contains($">{otherCode}<", adminPage, StringComparison.Ordinal);
        Assert.Contains($">{myCode}<", adminPage, StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(dispatcherPage), StringComparison.Ordinal);
        Assert.DoesNotContain(Name, adminPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPages_ViewsOfFamilyData_AreLoggedWithTheAccountAndCodes()
    {
        var (scenario, _, code) = await BookAsync();
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);

        await dispatcher.GetStringAsync($"/staff/pickups?station={scenario.StationId}&date={BookingScenario.TuesdayKey}");
        await dispatcher.GetStringAsync($"/staff/phone-booking?station={scenario.StationId}&saved={code}");

        var staff = (await Audit.ListAsync(new AuditQuery(scenario.StationId, code))).Where(e => e.Actor.Kind == AuditActorKind.Staff).OrderBy(e => e.Id).ToList();
        Assert.Equal([AuditSubject.PickupDay, AuditSubject.PhoneIn], staff.Select(e => e.Subject));
        Assert.All(staff, e => Assert.Equal((AuditAction.View, "dispatcher"), (e.Action, e.Actor.Name![..10])));
        Assert.Contains($"{BookingScenario.TuesdayKey}", staff[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_AfterTheConfiguredDays_RemovesNameAndPhoneAndLogsIt()
    {
        var (scenario, _, code) = await BookAsync();
        var retention = app.Services.GetRequiredService<RetentionService>();

        var early = await retention.RunAsync();
        app.Clock.Advance(TimeSpan.FromDays(32));
        var late = await retention.RunAsync();

        Assert.Equal((0, 1), (early.BookingsAnonymised, late.BookingsAnonymised));
        // Monday 23 Nov + 0 days keeps the days up to 24 Oct; 32 days later up to 25 Nov, past Tuesday's bookings.
        Assert.Equal((new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 25)), (early.LastDayAnonymised, late.LastDayAnonymised));
        var stored = (await Bookings.GetByCodeAsync(code))!;
        Assert.Equal(("", "", BookingStatus.Requested), (stored.ContactFirstName, stored.Phone, stored.Status));
        var entry = (await Audit.ListAsync(new AuditQuery(scenario.StationId, code)))[0];
        Assert.Equal((AuditActorKind.System, "retention", AuditAction.Anonymise), (entry.Actor.Kind, entry.Actor.Name, entry.Action));
    }

    [Fact]
    public async Task Logs_OfAWholeBookingFlow_NeverCarryAPhoneNumberOrAName()
    {
        var (scenario, family, code) = await BookAsync();
        var url = $"/booking/manage/{code}";
        using var finder = app.CreateBrowserLikeClient();
        using (await Forms.SubmitAsync(finder, "/booking/find", new Dictionary<string, string> { ["code"] = code, ["phone"] = "+84 912 345 678" }, "find-booking"))
        {
        }

        await finder.GetStringAsync(url);
        using (await Forms.SubmitAsync(family, url, new Dictionary<string, string> { ["slot"] = $"{BookingScenario.TuesdayKey}T14:00", ["action"] = "move" }, "move-booking"))
        {
        }

        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);
        var phoneIn = new Dictionary<string, string>
        {
            ["station"] = scenario.StationId.ToString(CultureInfo.InvariantCulture),
            ["date"] = BookingScenario.TuesdayKey,
            ["rows"] = "1",
            ["action"] = "save",
            ["slot-0"] = "10:00",
            ["site-0"] = scenario.CulturalHouseId.ToString(CultureInfo.InvariantCulture),
            ["children-0"] = "1",
            ["guardians-0"] = "1",
            ["firstName-0"] = "Thảo",
            ["phone-0"] = "0987.654.321",
        };
        using var saved = await Forms.SubmitAsync(dispatcher, $"/staff/phone-booking?station={scenario.StationId}", phoneIn, "phone-booking");
        await dispatcher.GetStringAsync(Forms.Location(saved)!);
        await dispatcher.GetStringAsync($"/staff/pickups?station={scenario.StationId}&date={BookingScenario.TuesdayKey}");
        await dispatcher.GetStringAsync("/staff/outbox");
        using (await Forms.SubmitAsync(family, url, new Dictionary<string, string> { ["confirmDelete"] = "1" }, "delete-data"))
        {
        }

        Assert.Contains(logs.Lines, l => l.Contains(code, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("StaffUserId", StringComparison.Ordinal));
        string[] secrets = ["912345678", "912 345 678", "912.345.678", "987654321", "987.654.321", "987 654 321", Name, "Thảo", "Th%E1%BA%A3o", "Xuy%E1%BA%BFn"];
        var leaks = logs.Lines.Where(l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Take(5)));
    }

    [Fact]
    public async Task Metrics_AdminOrTokenReadsBookingsAndRequestLatency_OthersRefused()
    {
        await BookAsync();
        using var admin = await app.SignedInAsync(StaffRole.Admin);
        using var chief = await app.SignedInAsync(StaffRole.Chief);
        using var anonymous = app.CreateBrowserLikeClient();
        using var scraper = app.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "bi-mat-do-luong-2026");
        using var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "doan-mo");

        var text = await admin.GetStringAsync("/metrics");
        using var byToken = await scraper.GetAsync("/metrics");
        using var byChief = await chief.GetAsync("/metrics");
        using var byNobody = await anonymous.GetAsync("/metrics");
        using var byWrongToken = await wrong.GetAsync("/metrics");

        Assert.Contains("outreach_bookings{channel=\"family\",outcome=\"booked\",reason=\"none\"}", text, StringComparison.Ordinal);
        Assert.Contains("microsoft_aspnetcore_hosting_http_server_request_duration_bucket{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_components_update_parameters", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byChief.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byWrongToken.StatusCode);
    }

    private sealed class LoggingAppFactory(LogCapture logs) : OutreachAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs));
        }
    }

    /// <summary>Every log line with its scopes and exception, as a console or JSON sink would write them.</summary>
    private sealed class LogCapture : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private IExternalScopeProvider? _scopes;

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new System.Text.StringBuilder($"{category}: {formatter(state, exception)} {exception}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        line.Append(CultureInfo.InvariantCulture, $" {key}={value}");
                    }
                }

                owner._scopes?.ForEachScope((scope, sb) =>
                {
                    sb.Append(" scope:").Append(scope);
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            sb.Append(CultureInfo.InvariantCulture, $" {key}={value}");
                        }
                    }
                }, line);
                owner._lines.Enqueue(line.ToString());
            }
        }
    }
}

public sealed class RetentionSettingsTests
{
    [Theory]
    [InlineData("Outreach:Retention:DaysAfterCampaignDay", "0")]
    [InlineData("Outreach:Retention:IntervalHours", "mot")]
    [InlineData("Outreach:Retention:Enabled", "co")]
    public void From_BadValue_NamesTheKeyAndTheValue(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => { RetentionSettings.From(configuration); });

        Assert.Contains($"{key} = '{value}'", error.Message, StringComparison.Ordinal);
    }
}
