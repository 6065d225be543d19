using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Planning.Pickups.Slots;
using Outreach.Web.Features.Bookings;

namespace Outreach.Web.Features.PickupPlans;

/// <summary>
/// A recorded refusal reason (see <see cref="BookingRefusals"/>) as the chief reads it, in the request's language: the
/// capacity rule's reasons in the words the families were given (<see cref="BookingText.Refusal"/>), the live plan's
/// in the pickup-plan resources ("Pickups.Refused.Plan.{code}"); a code neither knows (a reason added later) as itself.
/// </summary>
public static class RefusalReasonText
{
    public static string For(string code, IStringLocalizer<PickupPlanResource> pickups, IStringLocalizer<BookingResource> booking)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(pickups);
        ArgumentNullException.ThrowIfNull(booking);
        if (code.StartsWith(BookingRefusals.SlotPrefix, StringComparison.Ordinal)
            && Enum.TryParse<SlotRefusal>(code[BookingRefusals.SlotPrefix.Length..], ignoreCase: false, out var refusal)
            && refusal.ToString() == code[BookingRefusals.SlotPrefix.Length..])
        {
            return Capitalised(BookingText.Refusal(booking, refusal));
        }

        if (code.StartsWith(BookingRefusals.PlanPrefix, StringComparison.Ordinal)
            && pickups[$"Pickups.Refused.Plan.{code[BookingRefusals.PlanPrefix.Length..]}"] is { ResourceNotFound: false } text)
        {
            return text;
        }

        return code;
    }

    private static string Capitalised(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];
}
