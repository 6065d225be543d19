using System.Data.Common;
using Dapper;
using Outreach.Domain.Validation;

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

    /// <summary>Validates every item; with several items each field is prefixed by its index ("[1].location").</summary>
    public static IReadOnlyList<ValidationError> Indexed<T>(IReadOnlyList<T> items, Func<T, IReadOnlyList<ValidationError>> validate)
    {
        var errors = new List<ValidationError>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemErrors = validate(items[i]);
            errors.AddRange(items.Count == 1 ? itemErrors : itemErrors.Select(e => e with { Field = $"[{i}].{e.Field}" }));
        }

        return errors;
    }

    public static TEnum ParseEnum<TEnum>(string value)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(value, ignoreCase: false);
}
