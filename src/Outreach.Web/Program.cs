using Outreach.Jobs.Hosting;
using Outreach.Web.Components;
using Radzen;
using Outreach.Web.Features.Api;
using Outreach.Web.Features.Audit;
using Outreach.Web.Features.Bookings;
using Outreach.Web.Features.Dashboard;
using Outreach.Web.Features.Demo;
using Outreach.Web.Features.Health;
using Outreach.Web.Features.Jobs;
using Outreach.Web.Features.Localization;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Features.Rosters;
using Outreach.Web.Features.SignIn;
using Outreach.Web.Features.StationResources;
using Outreach.Web.Features.VisitPlans;
using Outreach.Web.Features.WeekBoard;
using Outreach.Web.Infrastructure.Auth;
using Outreach.Web.Infrastructure.Database;
using Outreach.Web.Infrastructure.Http;
using Outreach.Web.Infrastructure.Input;
using Outreach.Web.Infrastructure.Maps;
using Outreach.Web.Infrastructure.Problems;
using Outreach.Web.Infrastructure.RateLimiting;
using Outreach.Web.Infrastructure.Startup;
using Outreach.Web.Infrastructure.Telemetry;
using Outreach.Web.Infrastructure.Time;

// Booking a busy day runs the engine on pool threads for tens of milliseconds at a time (a day's booking line, a family's
// 400 ms search, the live plan's background improvement): with the pool's default of one thread per core, a burst of
// families on 2 cores leaves no free thread for the other requests' continuations, which then wait for the pool to grow
// (a thread or two a second). Enough threads to start with keeps them flowing; the CPU work itself is gated elsewhere.
ThreadPool.GetMinThreads(out var minWorkers, out var minCompletion);
ThreadPool.SetMinThreads(Math.Max(minWorkers, Environment.ProcessorCount * 8), minCompletion);

var builder = WebApplication.CreateBuilder(args);
// Serve _content/Radzen.Blazor from the package when run from a build (`dotnet run`) in any
// environment, not only Development; a published app has the files in wwwroot and ignores this.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddLocalTime();
builder.Services.AddHttpHardening();
builder.Services.AddLightPages();
builder.Services.AddOutreachDatabase();
builder.Services.AddOutreachMaps();
builder.Services.AddOutreachDataProtection();
builder.Services.AddOutreachLocalization();
builder.Services.AddOutreachProblemDetails();
builder.Services.AddStaffAuthentication();
builder.Services.AddStaffSignIn();
builder.Services.AddFirstAdmin();
builder.Services.AddDemoSeeding();
builder.Services.AddVisitPlans();
builder.Services.AddRosters();
builder.Services.AddOutreachApi();
builder.Services.AddBooking();
builder.Services.AddOutreachRateLimiting();
builder.Services.AddOutreachHealthChecks();
builder.Services.AddRouteSheets();
builder.Services.AddPickupPlans();
builder.Services.AddDashboard();
builder.Services.AddWeekBoard();
builder.Services.AddOutreachTelemetry();
builder.Services.AddPersonalDataAudit();
builder.Services.AddStationResources();
builder.Services.AddOutreachJobs(builder.Configuration);
builder.Services.AddRazorComponents();
builder.Services.AddRadzenComponents();

var app = builder.Build();

// Before serving: schema, someone who can sign in, then seeding (demo stations register an IStartupSeeder).
await app.MigrateDatabaseAsync();
await app.EnsureFirstAdminAsync();
await app.RunStartupSeedersAsync();

app.UseHttpHardening();
app.UseRequestLocalization();
app.UseOutreachErrorHandling();
app.UseFormBodyGate();
app.UseRouting();
app.UseLightAssets();
app.UseAuthentication();
app.UseStaffLogScope();
app.UseAuthorization();
app.UseStationScope();
app.UseRateLimiter();
app.UsePasswordChangeGate();
app.UseAntiforgery();
app.UseRouteSheetLinks();

app.MapStaticAssets();
app.MapOutreachHealth();
app.MapOutreachMetrics();
app.MapLanguageSwitch();
app.MapSignOut();
app.MapOutreachApi();
app.MapBooking();
app.MapRouteSheets();
app.MapRosterExports();
app.MapStationResources();
app.MapJobsDashboard();
app.MapWeekBoard();
app.MapRazorComponents<App>();

await app.RunAsync();

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;
