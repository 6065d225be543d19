using System.Security.Claims;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.Audit;

/// <summary>
/// The web side of the personal-data audit log (Decree 13/2023): who is acting (the signed-in staff account, the family
/// that proved code + phone, whoever holds a driver's link) and the entries of pages that only show a family's data.
/// Changes are audited by the stores, in the change's own transaction (pass <see cref="Staff"/> or <see cref="Family"/>).
/// Entries name booking codes, never names or phones.
/// </summary>
public sealed class PersonalDataAudit(AuditLogStore store)
{
    public static AuditActor StaffActor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return AuditActor.Staff(StaffClaims.UserId(user), user.Identity?.Name ?? "?");
    }

    /// <summary>The signed-in staff account acting on <paramref name="subject"/>.</summary>
    public static AuditedBy Staff(HttpContext context, AuditSubject subject, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AuditedBy(StaffActor(context.User), subject, detail);
    }

    /// <summary>The family of booking <paramref name="code"/> (null: the booking it is making) on its booking pages.</summary>
    public static AuditedBy Family(string? code) => new(AuditActor.Family(code), AuditSubject.Booking);

    /// <summary>Records that <paramref name="actor"/> was shown (or exported) the data of these bookings.</summary>
    public Task ShownAsync(AuditActor actor, AuditSubject subject, long? stationId, IEnumerable<string> codes, string? detail = null,
        AuditAction action = AuditAction.View, CancellationToken cancellationToken = default) =>
        store.WriteAsync(new AuditRecord(actor, action, subject, stationId, [.. codes], detail), cancellationToken);

    /// <summary>Records that the signed-in staff account was shown (or exported) the data of these bookings.</summary>
    public Task ShownToStaffAsync(HttpContext context, AuditSubject subject, long? stationId, IEnumerable<string> codes, string? detail = null,
        AuditAction action = AuditAction.View)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ShownAsync(StaffActor(context.User), subject, stationId, codes, detail, action, context.RequestAborted);
    }
}

public static class AuditExtensions
{
    /// <summary>The web side of the personal-data audit log; the page is /staff/audit (<c>AuditPage.razor</c>).</summary>
    public static IServiceCollection AddPersonalDataAudit(this IServiceCollection services) => services.AddSingleton<PersonalDataAudit>();
}
