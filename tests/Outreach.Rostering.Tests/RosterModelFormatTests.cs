using Outreach.Solver.Model;
using Outreach.Solver.Rosters;

namespace Outreach.Rostering.Tests;

/// <summary>The documented JSON format: the example in docs/ reads, solves and writes back.</summary>
public class RosterModelFormatTests
{
    private static string Docs(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "docs", file);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException(file);
    }

    [Fact]
    public void DocumentedExample_SolvesToOptimalityAndRoundTrips()
    {
        var model = RosterJson.ReadModel(Docs("roster-model-example.json"));

        var result = RosterSolver.Solve(model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(5), Seed = 1 });

        Assert.Equal(RosterSolveStatus.Optimal, result.Status);
        Assert.NotNull(result.Roster);
        // Two holidays (30/4, 1/5) in a group of four: someone works none, so the spread costs at least 20 once
        // the Wednesday desks (2 intake), its evening block and Thursday's field day and night are covered.
        Assert.Equal(0, result.Cost.CoverShort);
        Assert.Equal(result.Bound, result.Cost.Total);
        string json = RosterJson.WriteRoster(model, result.Roster, "optimal", result.Bound, 1.0);
        Assert.True(RosterJson.ReadRoster(model, json).SameAs(result.Roster));
        Assert.Contains("\"violations\": []", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"days\": 7", "\"days\": 0", "days")]
    [InlineData("\"start\": \"22:00\"", "\"start\": \"25:00\"", "shiftTypes[2].start")]
    [InlineData("\"daysOff\": [\"2025-05-02\"]", "\"daysOff\": [\"2025-06-02\"]", "officers[1].daysOff")]
    [InlineData("\"shiftType\": \"desk\" }", "\"shiftType\": \"dusk\" }", "pins[0].shiftType")]
    public void ReadModel_BadValue_NamesTheField(string from, string to, string field)
    {
        string json = Docs("roster-model-example.json");
        Assert.Contains(from, json, StringComparison.Ordinal);

        var error = Assert.Throws<ModelValidationException>(() => RosterJson.ReadModel(json.Replace(from, to, StringComparison.Ordinal)));

        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
    }
}
