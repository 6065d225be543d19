namespace Outreach.Data.Tests;

public class MigrationFilesTests
{
    [Fact]
    public void Embedded_BothDialects_HaveTheSameNumbersAndNames()
    {
        var sqlite = MigrationRunner.Embedded(SqlDialect.Sqlite).Select(m => $"{m.Version:D4}_{m.Name}").ToList();
        var postgres = MigrationRunner.Embedded(SqlDialect.Postgres).Select(m => $"{m.Version:D4}_{m.Name}").ToList();

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public void Embedded_Versions_StartAtOneWithoutGaps()
    {
        var versions = MigrationRunner.Embedded(SqlDialect.Sqlite).Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }
}
