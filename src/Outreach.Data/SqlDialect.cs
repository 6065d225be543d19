namespace Outreach.Data;

public enum SqlDialect
{
    Sqlite,
    Postgres,
}
