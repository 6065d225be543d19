using System.Data.Common;
using Dapper;

namespace Outreach.Data.Stores;

internal static class Sql
{
    public static CommandDefinition Cmd(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    /// <summary>
    /// A comma-separated id list for <c>IN (...)</c>. Ids are longs read from the database itself, so inlining
    /// them is safe, and portable (SQLite has no array parameters).
    /// </summary>
    public static string InList(IEnumerable<long> ids) =>
        string.Join(",", ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static TEnum ParseEnum<TEnum>(string value)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(value, ignoreCase: false);
}
