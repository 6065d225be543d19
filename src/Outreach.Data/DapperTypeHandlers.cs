using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Outreach.Data;

/// <summary>
/// Makes DateOnly, TimeOnly and DateTimeOffset round-trip on both databases. SQLite has no date types,
/// so values are stored as sortable ISO-8601 TEXT (instants always in UTC with a 'Z'); PostgreSQL gets
/// native date, time and timestamptz parameters (instants converted to UTC, which Npgsql requires).
/// </summary>
internal static class DapperTypeHandlers
{
    private static int s_registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1)
        {
            return;
        }

        // Columns are snake_case; row classes use PascalCase properties.
        DefaultTypeMap.MatchNamesWithUnderscores = true;

        // Dapper looks up its built-in type map before custom handlers when binding parameters, so the
        // built-in entries must go for the handlers to be used in both directions.
        foreach (var type in new[] { typeof(DateOnly), typeof(TimeOnly), typeof(DateTimeOffset) })
        {
            SqlMapper.RemoveTypeMap(type);
            SqlMapper.RemoveTypeMap(typeof(Nullable<>).MakeGenericType(type));
        }

        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new TimeOnlyHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    internal static string FormatSqliteDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string FormatSqliteTime(TimeOnly value) => value.ToString(
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    internal static string FormatSqliteInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DataException Unexpected<T>(object value) =>
        new($"Cannot read a {typeof(T).Name} from a database value of type {value.GetType().Name}.");

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = FormatSqliteDate(value);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value;
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw Unexpected<DateOnly>(value),
        };
    }

    private sealed class TimeOnlyHandler : SqlMapper.TypeHandler<TimeOnly>
    {
        public override void SetValue(IDbDataParameter parameter, TimeOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = FormatSqliteTime(value);
            }
            else
            {
                parameter.DbType = DbType.Time;
                parameter.Value = value;
            }
        }

        public override TimeOnly Parse(object value) => value switch
        {
            TimeOnly t => t,
            TimeSpan ts => TimeOnly.FromTimeSpan(ts),
            DateTime dt => TimeOnly.FromDateTime(dt),
            string s => TimeOnly.Parse(s, CultureInfo.InvariantCulture),
            _ => throw Unexpected<TimeOnly>(value),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = FormatSqliteInstant(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset dto => dto.ToUniversalTime(),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            _ => throw Unexpected<DateTimeOffset>(value),
        };
    }
}
