using Dapper;
using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

/// <summary>
/// Decree 13/2023 (issue 14): changes to a family's booking write their audit entry in the same transaction, and the
/// log never holds the family's name or phone; a family's "delete my data" and the retention job remove them from the
/// booking and its messages, keeping the counts.
/// </summary>
public abstract class PersonalDataTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private const string Phone = "0912345678";
    private const string Name = "Xuyến";

    private Database _database = null!;
    private ManualClock _clock = null!;

    private async Task<(DataStores Stores, long StationId, long SiteId)> SetUpAsync()
    {
        _database = await NewDatabaseAsync();
        _clock = new ManualClock(Now);
        var (stationId, siteId) = await TestData.StationWithSiteAsync(_database);
        return (new DataStores(_database, _clock), stationId, siteId);
    }

    private static Booking Family(long stationId, long siteId, DateOnly? date = null) =>
        TestData.Booking(stationId, siteId) with { ContactFirstName = Name, Phone = Phone, Date = date ?? new DateOnly(2026, 3, 3), AddressNote = "Ngõ 5, nhà bà Xuyến" };

    [SkippableFact]
    public async Task TryBookAsync_Audited_WritesTheCreateEntryNamingTheCodeButNoPersonalData()
    {
        var (stores, stationId, siteId) = await SetUpAsync();

        var booked = await stores.Bookings.TryBookAsync(Family(stationId, siteId), new BookingCapacity(10).AsRule(),
            new AuditedBy(AuditActor.Family(null), AuditSubject.Booking));

        var code = booked.Booking!.Code;
        var entry = Assert.Single(await stores.AuditLog.ListAsync(new AuditQuery(stationId, code)));
        Assert.Equal((AuditActorKind.Family, code, AuditAction.Create, AuditSubject.Booking, (long?)stationId, 1, Now),
            (entry.Actor.Kind, entry.Actor.Name, entry.Action, entry.Subject, entry.StationId, entry.BookingCount, entry.At));
        Assert.Equal([code], entry.BookingCodes);
        await AssertNoPersonalDataInAuditLogAsync();
    }

    [SkippableFact]
    public async Task TryBookAsync_Full_WritesNoEntry()
    {
        var (stores, stationId, siteId) = await SetUpAsync();

        var result = await stores.Bookings.TryBookAsync(Family(stationId, siteId), new BookingCapacity(1).AsRule(),
            new AuditedBy(AuditActor.Family(null), AuditSubject.Booking));

        Assert.Equal(BookingOutcome.Full, result.Outcome);
        Assert.Empty(await stores.AuditLog.ListAsync(new AuditQuery(null)));
    }

    [SkippableFact]
    public async Task TryBookManyAsync_PhoneInBatch_OneEntryWithEveryCodeByTheStaffAccount()
    {
        var (stores, stationId, siteId) = await SetUpAsync();

        var batch = await stores.Bookings.TryBookManyAsync([Family(stationId, siteId), Family(stationId, siteId)], new BookingCapacity(10).AsRule(),
            new AuditedBy(AuditActor.Staff(7, "dieu-phoi"), AuditSubject.PhoneIn));

        var entry = Assert.Single(await stores.AuditLog.ListAsync(new AuditQuery(stationId)));
        Assert.Equal((AuditActorKind.Staff, (long?)7, "dieu-phoi", AuditAction.Create, 2), (entry.Actor.Kind, entry.Actor.UserId, entry.Actor.Name, entry.Action, entry.BookingCount));
        Assert.Equal(batch.Results.Select(r => r.Booking!.Code).Order(), entry.BookingCodes.Order());
    }

    [SkippableFact]
    public async Task EraseForFamilyAsync_CancelsRemovesNamePhoneNoteAndBlanksItsMessages()
    {
        var (stores, stationId, siteId) = await SetUpAsync();
        var booking = (await stores.Bookings.TryBookAsync(Family(stationId, siteId), new BookingCapacity(10))).Booking!;
        var payload = $$"""{"Code":"{{booking.Code}}","FirstName":"{{Name}}","Date":"2026-03-03","PickupTime":"08:10","PickupPlace":"Ngõ 5","AtHome":true,"HomeTime":null,"CollectionPoint":"Trụ sở","Children":2,"Guardians":1}""";
        await stores.Outbox.EnqueueAsync([new OutboxMessage(0, NotificationChannel.Zalo, Phone, "pickup.confirmation", "vi", payload,
            $"pickup:20260303:booking:{booking.Id}:confirm:0810", Now, NotificationStatus.Pending, 0, Now, null, null, stationId)]);

        var erased = await stores.Bookings.EraseForFamilyAsync(booking.Id, new AuditedBy(AuditActor.Family(booking.Code), AuditSubject.Booking));
        var again = await stores.Bookings.EraseForFamilyAsync(booking.Id, new AuditedBy(AuditActor.Family(booking.Code), AuditSubject.Booking));

        Assert.True(erased);
        Assert.False(again);
        var stored = (await stores.Bookings.GetAsync(booking.Id))!;
        Assert.Equal((BookingStatus.Cancelled, "", "", (string?)null, Now, 2, 1),
            (stored.Status, stored.ContactFirstName, stored.Phone, stored.AddressNote, stored.AnonymisedAt, stored.ChildCount, stored.GuardianCount));
        var message = (await stores.Outbox.ListAsync(stationId, NotificationStatus.Failed, 10)).Single();
        Assert.Equal("*******678", message.Recipient);
        Assert.DoesNotContain(Name, message.PayloadJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Ngõ 5", message.PayloadJson, StringComparison.Ordinal);
        Assert.Contains(booking.Code, message.PayloadJson, StringComparison.Ordinal);
        Assert.StartsWith("withdrawn", message.LastError, StringComparison.Ordinal);
        var entry = Assert.Single(await stores.AuditLog.ListAsync(new AuditQuery(null, booking.Code)));
        Assert.Equal((AuditAction.Delete, booking.Code), (entry.Action, entry.Actor.Name));
        Assert.Null(await stores.Bookings.FindForFamilyAsync(booking.Code, Phone));
        await AssertNoPersonalDataInAuditLogAsync();
    }

    [SkippableFact]
    public async Task AnonymiseUpToAsync_OldDaysOnly_KeepsCountsAndWritesOneEntryPerStation()
    {
        var (stores, stationId, siteId) = await SetUpAsync();
        var rule = new BookingCapacity(100).AsRule();
        var old1 = (await stores.Bookings.TryBookAsync(Family(stationId, siteId), rule)).Booking!;
        var old2 = (await stores.Bookings.TryBookAsync(Family(stationId, siteId) with { PickupSiteId = null, PickupLocation = new GeoPoint(105.84567, 21.46891) }, rule)).Booking!;
        var later = (await stores.Bookings.TryBookAsync(Family(stationId, siteId, new DateOnly(2026, 3, 20)), rule)).Booking!;

        var first = await stores.Bookings.AnonymiseUpToAsync(new DateOnly(2026, 3, 10), AuditActor.System("retention"), batchSize: 1);
        var second = await stores.Bookings.AnonymiseUpToAsync(new DateOnly(2026, 3, 10), AuditActor.System("retention"));
        var third = await stores.Bookings.AnonymiseUpToAsync(new DateOnly(2026, 3, 10), AuditActor.System("retention"));

        Assert.Equal((1, 1, 0), (first, second, third));
        var a = (await stores.Bookings.GetAsync(old1.Id))!;
        var b = (await stores.Bookings.GetAsync(old2.Id))!;
        var c = (await stores.Bookings.GetAsync(later.Id))!;
        Assert.Equal(("", "", BookingStatus.Requested, 2), (a.ContactFirstName, a.Phone, a.Status, a.ChildCount));
        Assert.Equal(new GeoPoint(105.85, 21.47), b.PickupLocation);
        Assert.Equal((Name, Phone, (DateTimeOffset?)null), (c.ContactFirstName, c.Phone, c.AnonymisedAt));
        var entries = await stores.AuditLog.ListAsync(new AuditQuery(stationId));
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((AuditActorKind.System, "retention", AuditAction.Anonymise, AuditSubject.Retention), (e.Actor.Kind, e.Actor.Name, e.Action, e.Subject)));
        Assert.Equal([old1.Code, old2.Code], entries.OrderBy(e => e.Id).SelectMany(e => e.BookingCodes));
    }

    [SkippableFact]
    public async Task ListAsync_StationAndPaging_NewestFirstOlderThanTheGivenId()
    {
        var (stores, stationId, _) = await SetUpAsync();
        var other = await new StationStore(_database).InsertAsync(TestData.Station("Công an xã Bình Sơn"));
        for (var i = 0; i < 5; i++)
        {
            await stores.AuditLog.WriteAsync(new AuditRecord(AuditActor.Staff(1, "a"), AuditAction.View, AuditSubject.PickupDay, i % 2 == 0 ? stationId : other, []));
        }

        var mine = await stores.AuditLog.ListAsync(new AuditQuery(stationId, Limit: 2));
        var older = await stores.AuditLog.ListAsync(new AuditQuery(stationId, BeforeId: mine[^1].Id));

        Assert.Equal(2, mine.Count);
        Assert.True(mine[0].Id > mine[1].Id);
        Assert.Single(older);
        Assert.All(mine.Concat(older), e => Assert.Equal(stationId, e.StationId));
        Assert.Equal(5, (await stores.AuditLog.ListAsync(new AuditQuery(null))).Count);
    }

    private async Task AssertNoPersonalDataInAuditLogAsync()
    {
        await using var connection = await _database.OpenAsync();
        var rows = (await connection.QueryAsync<(string ActorName, string? Detail)>("SELECT actor_name, detail FROM audit_log")).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.DoesNotContain(Name, r.ActorName + r.Detail, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain("345678", r.ActorName + r.Detail, StringComparison.Ordinal));
    }
}

public sealed class SqlitePersonalDataTests() : PersonalDataTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresPersonalDataTests(PostgresServer server) : PersonalDataTests(new PostgresTarget(server, "personal"));
