using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Auth;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Infrastructure.Auth;

/// <summary>The one station check, alone: what it lets through and what it refuses, for each kind of statement.</summary>
public sealed class StationScopeGateTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private const long Own = 7;

    [Fact]
    public async Task Invoke_StaffEndpointStatingNoScope_RefusedEvenForAnAdmin()
    {
        var result = await RunAsync(User(StaffRole.Admin, null), Endpoint(new AuthorizeAttribute()));

        Assert.Equal((false, true), result);
    }

    [Fact]
    public async Task Invoke_AnonymousEndpoint_PassesWithoutAStatement()
    {
        var result = await RunAsync(new ClaimsPrincipal(new ClaimsIdentity()), Endpoint(new AllowAnonymousAttribute()));

        Assert.Equal((true, false), result);
    }

    [Theory]
    [InlineData("7", true)]
    [InlineData("8", false)]
    [InlineData("abc", false)]
    [InlineData("", true)]
    public async Task Invoke_QueryStation_OnlyTheOwnStationOrNone(string value, bool passes)
    {
        var result = await RunAsync(User(StaffRole.Chief, Own), Endpoint(new AuthorizeAttribute(), new ActsOnStationAttribute(StationSource.Query, "station")),
            context => context.Request.QueryString = new QueryString($"?station={value}"));

        Assert.Equal((passes, !passes), result);
    }

    [Fact]
    public async Task Invoke_SameQueryKeyTwice_EveryValueMustBeOwn()
    {
        var result = await RunAsync(User(StaffRole.Dispatcher, Own), Endpoint(new AuthorizeAttribute(), new ActsOnStationAttribute(StationSource.Query, "station")),
            context => context.Request.QueryString = new QueryString("?station=7&station=8"));

        Assert.Equal((false, true), result);
    }

    [Fact]
    public async Task Invoke_FormStation_OtherStationRefused()
    {
        var result = await RunAsync(User(StaffRole.Dispatcher, Own), Endpoint(new AuthorizeAttribute(), new ActsOnStationAttribute(StationSource.Form, "station")),
            context =>
            {
                context.Request.Method = "POST";
                context.Request.ContentType = "application/x-www-form-urlencoded";
                context.Request.Body = new MemoryStream("station=8"u8.ToArray());
            });

        Assert.Equal((false, true), result);
    }

    [Fact]
    public async Task Invoke_RouteStation_AdminPassesAnyStation()
    {
        var result = await RunAsync(User(StaffRole.Admin, null), Endpoint(new AuthorizeAttribute(), new ActsOnStationAttribute(StationSource.Route, "id")),
            context => context.Request.RouteValues["id"] = "8");

        Assert.Equal((true, false), result);
    }

    [Fact]
    public async Task Invoke_StationlessChief_RefusedOnStationPagesButListsPass()
    {
        var scoped = await RunAsync(User(StaffRole.Chief, null), Endpoint(new AuthorizeAttribute(), new ActsOnStationAttribute(StationSource.Query, "station")));
        var list = await RunAsync(User(StaffRole.Chief, null), Endpoint(new AuthorizeAttribute(), new OwnStationsAttribute()));

        Assert.Equal((false, true), scoped);
        Assert.Equal((true, false), list);
    }

    [Fact]
    public async Task Invoke_UnknownPlanOrBookingCode_LeftToThePage()
    {
        var plan = await RunAsync(User(StaffRole.Chief, Own), Endpoint(new AuthorizeAttribute(), new ActsOnStationAttribute(StationSource.Route, "planId", StationKey.Plan)),
            context => context.Request.RouteValues["planId"] = "987654321");
        var code = await RunAsync(User(StaffRole.Chief, Own), Endpoint(new AuthorizeAttribute(), new ActsOnStationAttribute(StationSource.Query, "saved", StationKey.BookingCode)),
            context => context.Request.QueryString = new QueryString("?saved=ZZZZZZ,QQQQQQ"));

        Assert.Equal((true, false), plan);
        Assert.Equal((true, false), code);
    }

    [Fact]
    public async Task Invoke_MoreBookingCodesThanABatch_Refused()
    {
        var codes = string.Join(',', Enumerable.Range(0, 31).Select(_ => "ZZZZZZ"));

        var result = await RunAsync(User(StaffRole.Dispatcher, Own), Endpoint(new AuthorizeAttribute(), new ActsOnStationAttribute(StationSource.Query, "saved", StationKey.BookingCode)),
            context => context.Request.QueryString = new QueryString($"?saved={codes}"));

        Assert.Equal((false, true), result);
    }

    /// <summary>Runs the gate once; (next was called, forbid was called).</summary>
    private async Task<(bool Next, bool Forbidden)> RunAsync(ClaimsPrincipal user, Endpoint endpoint, Action<HttpContext>? arrange = null)
    {
        var auth = new RecordingAuthentication();
        var services = new ServiceCollection().AddSingleton<IAuthenticationService>(auth).BuildServiceProvider();
        var context = new DefaultHttpContext { User = user, RequestServices = services };
        context.SetEndpoint(endpoint);
        arrange?.Invoke(context);
        var next = false;
        var gate = new StationScopeGate(_ => { next = true; return Task.CompletedTask; }, NullLogger<StationScopeGate>.Instance);

        await gate.InvokeAsync(context, new StationScopeResolver(
            app.Services.GetRequiredService<PlanStore>(), app.Services.GetRequiredService<BookingStore>(), app.Services.GetRequiredService<NotificationOutboxStore>()));

        return (next, auth.Forbidden);
    }

    private static Endpoint Endpoint(params object[] metadata) => new(_ => Task.CompletedTask, new EndpointMetadataCollection(metadata), "test endpoint");

    private static ClaimsPrincipal User(StaffRole role, long? station)
    {
        var user = new StaffUser(1, "thu", "Thử", "hash", role, station, false, DateTimeOffset.UnixEpoch);
        return StaffClaims.CreatePrincipal(user);
    }

    private sealed class RecordingAuthentication : IAuthenticationService
    {
        public bool Forbidden { get; private set; }

        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) => Task.FromResult(AuthenticateResult.NoResult());

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties)
        {
            Forbidden = true;
            return Task.CompletedTask;
        }

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) => Task.CompletedTask;

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;
    }
}
