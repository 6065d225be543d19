using System.CommandLine;
using System.Globalization;
using Outreach.Data;
using Outreach.Data.Demo;

namespace Outreach.Cli.Commands;

/// <summary>`outreach seed --demo`: migrates a database and seeds what the web app seeds on first start.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo") { Description = "Seed the two demo stations (Sông Công city, Xuân Hòa ward) and the holiday calendar." };
        var database = new Option<string>("--database")
        {
            Description = "sqlite (default) or postgres.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("OUTREACH_DATABASE_URL") is { Length: > 0 } ? "postgres" : "sqlite",
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "PostgreSQL connection string (default: environment OUTREACH_DATABASE_URL as a connection string).",
        };
        var dataFolder = new Option<string?>("--data-folder")
        {
            Description = "SQLite: folder of outreach.db (default: src/Outreach.Web/data from the repository root, as `dotnet run --project src/Outreach.Web` uses, else ./data).",
        };
        var maps = new Option<string?>("--maps") { Description = "The maps/ folder (default: found upward from the current folder)." };
        var command = new Command("seed", "Create or update the database schema and seed data.") { demo, database, connection, dataFolder, maps };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(demo))
            {
                await Console.Error.WriteLineAsync("Nothing to seed: pass --demo.");
                return 2;
            }

            var mapsFolder = parse.GetValue(maps) is { } givenMaps
                ? CliInput.Folder("--maps", givenMaps)
                : DemoMapsFolder.Locate(Environment.CurrentDirectory, AppContext.BaseDirectory);
            if (mapsFolder is null)
            {
                return parse.GetValue(maps) is null
                    ? CliInput.Fail("--maps", "không tìm thấy thư mục maps/ có song-cong/", "no maps/ folder with song-cong/ found", "(pass --maps <folder>)")
                    : CliInput.ExitInput;
            }

            if (Open(parse.GetValue(database)!, parse.GetValue(connection), parse.GetValue(dataFolder)) is not { } db)
            {
                return CliInput.ExitInput;
            }

            var applied = await new MigrationRunner(db, TimeProvider.System).RunAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"migrations applied: {applied.Count}"));
            var report = await new DemoSeeder(db, TimeProvider.System).SeedAsync(mapsFolder, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"week starting {report.WeekStart:yyyy-MM-dd}; holidays imported: {report.HolidaysImported}"));
            foreach (var s in report.Stations)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.StationName}: {(s.StationCreated ? "created" : "already present")}; added {s.SitesAdded} sites, {s.OfficersAdded} officers, {s.VehiclesAdded} vehicles, {s.TeamsAdded} teams, {s.BookingsAdded} bookings, {s.VisitRequestsAdded} visit requests"));
            }

            return 0;
        });
        return command;
    }

    /// <summary>The database to seed, or null after one line saying what is missing or cannot be made.</summary>
    private static Database? Open(string provider, string? connectionString, string? dataFolder)
    {
        if (provider.Trim().ToUpperInvariant() is not ("SQLITE" or "POSTGRES" or "POSTGRESQL" or "NPGSQL"))
        {
            CliInput.Fail("--database", "phải là sqlite hoặc postgres", "must be sqlite or postgres", provider);
            return null;
        }

        if (Database.ParseDialect(provider) == SqlDialect.Postgres)
        {
            if ((connectionString ?? Environment.GetEnvironmentVariable("OUTREACH_DATABASE_URL")) is not { Length: > 0 } cs)
            {
                CliInput.Fail("--connection", "cần chuỗi kết nối PostgreSQL (hoặc đặt OUTREACH_DATABASE_URL)",
                    "a PostgreSQL connection string is needed (or set OUTREACH_DATABASE_URL)", "");
                return null;
            }

            return new Database(SqlDialect.Postgres, cs);
        }

        var folder = dataFolder
            ?? (File.Exists("Outreach.sln") ? Path.Combine("src", "Outreach.Web", "data") : "data");
        if (!CliInput.OutputFolder("--data-folder", folder))
        {
            return null;
        }

        var file = Path.GetFullPath(Path.Combine(folder, "outreach.db"));
        Console.WriteLine($"SQLite file: {file}");
        return Database.ForSqliteFile(file);
    }
}
