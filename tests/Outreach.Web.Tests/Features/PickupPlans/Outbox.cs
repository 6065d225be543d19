using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Web.Tests.Features.PickupPlans;

/// <summary>One row of the notification outbox as the tests read it.</summary>
public sealed record OutboxRow(string TemplateKey, string Recipient, string Channel, string Language, string DeduplicationKey, string Status, string PayloadJson, DateTimeOffset DueAt);

/// <summary>Reads the whole notification outbox (the store only lists due messages).</summary>
public static class Outbox
{
    public static async Task<IReadOnlyList<OutboxRow>> AllAsync(IServiceProvider services)
    {
        await using var connection = await services.GetRequiredService<Outreach.Data.Database>().OpenAsync();
        var rows = await connection.QueryAsync<(string TemplateKey, string Recipient, string Channel, string Language, string Key, string Status, string Payload, string DueAt)>(
            "SELECT template_key, recipient, channel, language, deduplication_key, status, payload_json, due_at FROM notification_outbox ORDER BY id");
        return rows.Select(r => new OutboxRow(r.TemplateKey, r.Recipient, r.Channel, r.Language, r.Key, r.Status, r.Payload,
            DateTimeOffset.Parse(r.DueAt, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }
}
