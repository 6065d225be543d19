namespace Outreach.Web.Infrastructure.Startup;

/// <summary>
/// A step that fills the database at start-up, after migrations and the first administrator and
/// before the app serves (e.g. the demo stations). Register with
/// <c>services.AddSingleton&lt;IStartupSeeder, MySeeder&gt;()</c>; seeders run in registration order
/// and must be idempotent: they run on every start.
/// </summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
