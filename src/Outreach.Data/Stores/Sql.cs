using System.Data.Common;
using Dapper;

namespace Outreach.Data.Stores;

internal static class Sql
{
    public static CommandDefinition Cmd(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    public static TEnum ParseEnum<TEnum>(string value)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(value, ignoreCase: false);
}
