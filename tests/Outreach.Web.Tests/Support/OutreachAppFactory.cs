using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Startup;

namespace Outreach.Web.Tests.Support;

/// <summary>
/// The real app in process, on its own SQLite file in a temp data folder (or on PostgreSQL when the
/// test passes settings), with a manual clock and the first admin configured as
/// <see cref="AdminUserName"/>/<see cref="AdminPassword"/> unless <see cref="ConfigureAdmin"/> is false.
/// </summary>
public class OutreachAppFactory : WebApplicationFactory<Program>
{
    public const string AdminUserName = "quantri";
    public const string AdminPassword = "mat-khau-quan-tri-2026";

    /// <summary>
    /// The in-process test server gives every request the same (no) client address; a request with this header comes
    /// from the address it names, as a request over the network would (see <see cref="CreateBrowserLikeClient(string)"/>).
    /// </summary>
    public const string PeerHeader = "X-Test-Peer";

    private string? dataFolder;
    private bool ownsDataFolder;

    /// <summary>A temp folder of its own (deleted on dispose) unless set, e.g. to restart on the same data.</summary>
    public string DataFolder
    {
        get
        {
            if (dataFolder is null)
            {
                dataFolder = Directory.CreateTempSubdirectory("outreach-web-").FullName;
                ownsDataFolder = true;
            }

            return dataFolder;
        }
        init => dataFolder = value;
    }

    public ManualClock Clock { get; } = new(ManualClock.MondayMorning);

    public CapturedPasswordNotice Notices { get; } = new();

    /// <summary>Extra configuration, e.g. the PostgreSQL settings of docker-compose.yml.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public bool ConfigureAdmin { get; init; } = true;

    /// <summary>Service replacements of one test (registered last, so they win).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Outreach:DataFolder", DataFolder);
        if (ConfigureAdmin)
        {
            builder.UseSetting("Outreach:Admin:UserName", AdminUserName);
            builder.UseSetting("Outreach:Admin:Password", AdminPassword);
        }

        // Each test starts from an empty database: no demo stations (the demo has tests of its own).
        builder.UseSetting("Outreach:SeedDemo", "false");
        // The retention job would anonymise test bookings of past days on its own timer; tests call RetentionService.
        builder.UseSetting("Outreach:Retention:Enabled", "false");
        // Re-plans asked for by cancellations and settings changes would run the planner beside the test and add plan
        // versions it does not expect; the re-planning tests set their own delay.
        builder.UseSetting("Outreach:Replan:DelaySeconds", "3600");
        // The nightly job would run at 18:00 Vietnam time by the real clock and ask for re-plans of the test clock's
        // tomorrow beside the tests; its own tests call NightlyService. The weather poll is off by default anyway.
        builder.UseSetting("Outreach:Nightly:Enabled", "false");
        // Tests sign in many times from one client; RateLimitTests sets a low limit of its own.
        builder.UseSetting("Outreach:RateLimit:PerClientPerMinute", "100000");
        builder.UseSetting("Outreach:RateLimit:SignInPerClientPerMinute", "100000");
        // Live plans are improved at once and briefly after each change (the app waits 5 s and searches 2 s): tests see the
        // improvement without waiting, and a test run's cores are not spent on it.
        builder.UseSetting("Outreach:LivePlan:ImproveDelaySeconds", "0");
        builder.UseSetting("Outreach:LivePlan:ImproveSeconds", "0.2");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IOneTimePasswordNotice>(Notices);
            services.AddSingleton<IStartupFilter, PeerAddressFilter>();
            TestServices?.Invoke(services);
        });
    }

    /// <summary>Creates a staff account directly in the store (as an admin would on the accounts page).</summary>
    public async Task<StaffUser> CreateUserAsync(string userName, string password, StaffRole role, bool mustChangePassword = false, long? stationId = null)
    {
        var users = Services.GetRequiredService<StaffUserStore>();
        var hasher = Services.GetRequiredService<IPasswordHasher<StaffUser>>();
        var user = new StaffUser(0, userName, userName, "", role, stationId, mustChangePassword, Clock.Now);
        user = user with { PasswordHash = hasher.HashPassword(user, password) };
        var id = await users.InsertAsync(user);
        return user with { Id = id };
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client whose requests come from <paramref name="peer"/> (an IP address).</summary>
    public HttpClient CreateBrowserLikeClient(string peer)
    {
        var client = CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Settings.TryGetValue("Outreach:Database", out var database) && database == "postgres")
        {
            // The app and its job servers leave idle connections in the pool of the test's database; every test shares
            // the throwaway server's connection limit, so they go with the app.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }

        if (disposing && ownsDataFolder)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Catches the one-time password the app would print on the console.</summary>
public sealed class CapturedPasswordNotice : IOneTimePasswordNotice
{
    private readonly List<(string UserName, string Password)> shown = [];

    public IReadOnlyList<(string UserName, string Password)> Shown
    {
        get
        {
            lock (shown)
            {
                return [.. shown];
            }
        }
    }

    public void Show(string userName, string password)
    {
        lock (shown)
        {
            shown.Add((userName, password));
        }
    }
}

/// <summary>Sets the connection's remote address from <see cref="OutreachAppFactory.PeerHeader"/>, before the app's own middleware.</summary>
internal sealed class PeerAddressFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(OutreachAppFactory.PeerHeader, out var peer) && IPAddress.TryParse(peer.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
