using System.Globalization;
using Outreach.Domain;
using Outreach.Geo.Matrices;

namespace Outreach.Planning.Pickups;

/// <summary>
/// The sentences a dispatcher reads for each unserved booking, Vietnamese and English, each naming what blocked it
/// and what to do next (another slot, a nearer pickup point, a mobile team). Stateless and thread-safe.
/// </summary>
internal static class UnservedSentences
{
    /// <summary>Context of one unserved booking for its sentence.</summary>
    internal sealed record Context(
        DateOnly Date,
        int SlotStartSeconds,
        int SlotEndSeconds,
        string PlaceVi,
        string PlaceEn,
        int? NextFreeSeconds);

    public static UnservedBooking TripFull(long bookingId, Context c, BookingNeeds needs)
    {
        var (vi, en) = needs.HasFlag(BookingNeeds.Wheelchair)
            ? ($"Chỗ xe lăn của chuyến {Time(c.SlotStartSeconds)} {Day(c)} đã kín", $"{DayEn(c)} {Time(c.SlotStartSeconds)} trip: wheelchair places taken")
            : needs.HasFlag(BookingNeeds.ChildSeat)
                ? ($"Chuyến {Time(c.SlotStartSeconds)} {Day(c)} đã đủ chỗ hoặc hết ghế trẻ nhỏ", $"{DayEn(c)} {Time(c.SlotStartSeconds)} trip full (seats or small-child seats)")
                : ($"Chuyến {Time(c.SlotStartSeconds)} {Day(c)} đã đủ chỗ", $"{DayEn(c)} {Time(c.SlotStartSeconds)} trip full");
        return WithNextFree(bookingId, PickupUnservedReason.TripFull, vi, en, c);
    }

    public static UnservedBooking VansBusy(long bookingId, Context c) => WithNextFree(
        bookingId, PickupUnservedReason.VansBusy,
        $"Các xe đã kín lịch khung {Time(c.SlotStartSeconds)}–{Time(c.SlotEndSeconds)} {Day(c)}, không kịp đón tại {c.PlaceVi}",
        $"vans are fully scheduled in the {DayEn(c)} {Time(c.SlotStartSeconds)}–{Time(c.SlotEndSeconds)} slot and cannot reach {c.PlaceEn} in time",
        c);

    /// <summary>Every van busy, when the plan gave no reason of its own for the family (no slot or place to name).</summary>
    public static UnservedBooking VansBusyThatDay(long bookingId) =>
        new(bookingId, PickupUnservedReason.VansBusy, "Các xe đón đã kín lịch trong ngày này.", "Every pickup van is busy that day.", null);

    public static UnservedBooking DeskFull(long bookingId, Context c, int childrenPerHalfHour) => WithNextFree(
        bookingId, PickupUnservedReason.DeskFull,
        $"Bàn thu nhận đã kín khung {Time(c.SlotStartSeconds)}–{Time(c.SlotEndSeconds)} {Day(c)} (tối đa {childrenPerHalfHour} trẻ mỗi nửa giờ)",
        $"desks are full for {DayEn(c)} {Time(c.SlotStartSeconds)}–{Time(c.SlotEndSeconds)} (at most {childrenPerHalfHour} children per half hour)",
        c);

    public static UnservedBooking Closed(long bookingId, Context c, bool wholeDay) => wholeDay
        ? new UnservedBooking(bookingId, PickupUnservedReason.Closed,
            $"Điểm thu nhận không mở cửa {Day(c)} {c.Date.ToString("dd/MM", CultureInfo.InvariantCulture)}; đề nghị hẹn ngày khác",
            $"the collection point is closed on {DayEn(c)} {c.Date.ToString("d MMM", CultureInfo.InvariantCulture)}; offer another day",
            null)
        : WithNextFree(bookingId, PickupUnservedReason.Closed,
            $"Điểm thu nhận không mở cửa lúc {Time(c.SlotStartSeconds)} {Day(c)}",
            $"the collection point is closed at {Time(c.SlotStartSeconds)} on {DayEn(c)}",
            c);

    public static UnservedBooking RideTooLong(long bookingId, int directSeconds, int limitMinutes) => new(
        bookingId, PickupUnservedReason.RideTooLong,
        $"Điểm đón cách điểm thu nhận {Minutes(directSeconds)} phút, quá giới hạn {limitMinutes} phút đi xe; đề nghị đón ở điểm gần hơn hoặc cử tổ lưu động",
        $"pickup point is {Minutes(directSeconds)} min from the collection point, over the {limitMinutes} min ride limit; offer a nearer pickup point or a mobile team",
        null);

    /// <summary>The family's own ride is within the limit, but no van passing by in its slot keeps every ride on board within it.</summary>
    public static UnservedBooking RideShared(long bookingId, Context context, int limitMinutes) => new(
        bookingId, PickupUnservedReason.RideShared,
        $"{context.PlaceVi}, khung {Time(context.SlotStartSeconds)}–{Time(context.SlotEndSeconds)}: đón thêm gia đình này thì chuyến xe có người ngồi quá giới hạn {limitMinutes} phút đi xe; đề nghị chọn khung giờ khác",
        $"{context.PlaceEn}, slot {Time(context.SlotStartSeconds)}–{Time(context.SlotEndSeconds)}: taking this family on would keep someone on the van longer than the {limitMinutes} min ride limit; offer another slot",
        null);

    public static UnservedBooking Unreachable(long bookingId, UnreachableReason? why)
    {
        var (vi, en) = why?.Kind switch
        {
            UnreachableKind.Flood => ($"Đường tới điểm đón bị ngập ({why.Name}); chờ nước rút hoặc chọn điểm đón khác",
                $"the road to the pickup point is closed by flood area {why.Name}; wait for the water to fall or choose another pickup point"),
            UnreachableKind.Closure => ($"Đường tới điểm đón bị chặn ({why.Name}); chọn điểm đón khác hoặc hẹn ngày khác",
                $"the road to the pickup point is closed: {why.Name}; choose another pickup point or another day"),
            UnreachableKind.Combined => ($"Các đoạn đường tới điểm đón bị chặn ({why.Name}); chọn điểm đón khác hoặc hẹn ngày khác",
                $"roads to the pickup point are closed together by {why.Name}; choose another pickup point or another day"),
            UnreachableKind.NotSnapped => ("Điểm đón không ở gần đường xe chạy được; kiểm tra lại vị trí với gia đình",
                "no road a van can use reaches the pickup point; check its position with the family"),
            _ => ("Mạng đường không nối điểm đón với điểm thu nhận; kiểm tra lại vị trí với gia đình",
                "the road network does not connect the pickup point with the collection point; check its position with the family"),
        };
        return new UnservedBooking(bookingId, PickupUnservedReason.Unreachable, vi, en, null);
    }

    public static UnservedBooking TooManySeats(long bookingId, int seats, int largestVan) => new(
        bookingId, PickupUnservedReason.TooManySeats,
        $"Cần {seats} chỗ nhưng xe lớn nhất chỉ có {largestVan} chỗ; đề nghị tách thành hai lượt đặt",
        $"needs {seats} seats but the largest van has {largestVan}; split the booking in two",
        null);

    public static UnservedBooking NoWheelchairPlace(long bookingId) => new(
        bookingId, PickupUnservedReason.NoWheelchairPlace,
        "Không xe nào có chỗ cho xe lăn (cùng đủ ghế cho cả gia đình); đề nghị cử tổ lưu động đến nhà",
        "no van has a wheelchair place (with seats for the whole family); send a mobile team to the home instead",
        null);

    public static UnservedBooking NoChildSeat(long bookingId) => new(
        bookingId, PickupUnservedReason.NoChildSeat,
        "Không xe nào có ghế trẻ nhỏ; đề nghị gia đình tự mang ghế hoặc cử tổ lưu động",
        "no van has a small-child seat; ask the family to bring one or send a mobile team",
        null);

    public static UnservedBooking NoVans(long bookingId) => new(
        bookingId, PickupUnservedReason.NoVans,
        "Đơn vị chưa có xe đón nào; thêm xe vào danh sách xe của đơn vị",
        "the station has no pickup van; add one to its fleet",
        null);

    public static UnservedBooking NoPickupLocation(long bookingId) => new(
        bookingId, PickupUnservedReason.NoPickupLocation,
        "Lượt đặt không có điểm đón hoặc vị trí nhà; gọi gia đình để hỏi địa chỉ",
        "the booking has no pickup point or home position; call the family for the address",
        null);

    public static UnservedBooking NoReturn(long bookingId, Context c, int filesDoneSeconds, int shiftEndSeconds) => WithNextFree(
        bookingId, PickupUnservedReason.NoReturn,
        $"Không xe nào kịp đưa gia đình về sau khi làm xong hồ sơ (khoảng {Time(filesDoneSeconds)}) trước khi hết ca lái xe {Time(shiftEndSeconds)}",
        $"no van can take the family home after their files are done (about {Time(filesDoneSeconds)}) before the drivers' shift ends at {Time(shiftEndSeconds)}",
        c);

    private static UnservedBooking WithNextFree(long bookingId, PickupUnservedReason reason, string vi, string en, Context c) =>
        c.NextFreeSeconds is int next
            ? new UnservedBooking(bookingId, reason, $"{vi}; giờ trống gần nhất: {Time(next)}", $"{en}; next free: {Time(next)}",
                TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(next)))
            : new UnservedBooking(bookingId, reason, $"{vi}; không còn giờ trống trong ngày, đề nghị hẹn ngày khác",
                $"{en}; no free slot left that day: offer another day", null);

    private static string Time(int seconds) => PlanClock.Hhmm(seconds);

    private static string Day(Context c) => PlanClock.DayVi(c.Date.DayOfWeek);

    private static string DayEn(Context c) => PlanClock.DayEn(c.Date.DayOfWeek);

    private static string Minutes(int seconds) => ((seconds + 59) / 60).ToString(CultureInfo.InvariantCulture);
}
