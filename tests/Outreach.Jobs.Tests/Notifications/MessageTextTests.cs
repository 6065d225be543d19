using Outreach.Domain;
using Outreach.Jobs.Notifications;

namespace Outreach.Jobs.Tests.Notifications;

public sealed class MessageTextTests
{
    // The shapes the publishers write: pickups PascalCase (records), visits camelCase (dictionaries).
    private const string Family =
        """{"Code":"K7M2QX","FirstName":"Lan","Date":"2026-03-10","PickupTime":"07:40","PickupPlace":"Nhà văn hóa Xóm Lát Đá","AtHome":false,"HomeTime":"10:05","CollectionPoint":"Công an thành phố Sông Công","Children":2,"Guardians":1}""";

    private const string FamilyAtHome =
        """{"Code":"P3Q9ZZ","FirstName":"Hùng","Date":"2026-03-10","PickupTime":"14:10","PickupPlace":null,"AtHome":true,"HomeTime":null,"CollectionPoint":"Công an thành phố Sông Công","Children":1,"Guardians":2}""";

    private const string Driver =
        """{"Vehicle":"Xe đón 1","Plate":"20A-123.45","Date":"2026-03-10","Trip":2,"Departure":"13:20","Bookings":5,"Url":"https://outreach.example.vn/r/abc"}""";

    private const string DriverDay =
        """{"Vehicle":"Xe đón 1","Plate":"20A-123.45","Date":"2026-03-10","Trips":2,"Departures":"07:30, 10:35","Bookings":1,"Url":"https://outreach.example.vn/d/K7M2QX9PTA4B"}""";

    private const string Visit =
        """{"site":"Trung tâm Bảo trợ xã hội","contact":"Chị Hoa","date":"2026-03-15","dayVi":"Chủ nhật","dayEn":"Sunday","from":"08:00","to":"11:30","people":45,"repeatPeople":3,"teams":["Tổ lưu động 1"],"presence":"Doctor, Relative","planVersion":1}""";

    private const string Lead =
        """{"team":"Tổ lưu động 2","date":"2026-03-11","dayVi":"Thứ tư","dayEn":"Wednesday","leave":"16:20","back":"20:45","visits":2,"people":17,"repeatPeople":0,"url":"https://outreach.example.vn/r/xyz","planVersion":1}""";

    private const string Booked =
        """{"Code":"K7M2QX","FirstName":"Lan","Date":"2026-03-10","SlotStart":"09:00","SlotEnd":"10:00","PickupPlace":"Nhà văn hóa Xóm Lát Đá","AtHome":false,"CollectionPoint":"Công an thành phố Sông Công","Children":2,"Guardians":1}""";

    [Fact]
    public void Render_PickupBooked_SaysWhatWasBookedThatTheVansTimeFollowsAndTheCode()
    {
        var vi = MessageText.Render(Message(MessageText.PickupBooked, Booked, "vi"));
        var en = MessageText.Render(Message(MessageText.PickupBooked, Booked, "en"));

        Assert.Equal(
            "Cấp căn cước: đã đặt chỗ cho Lan (2 trẻ, 1 người lớn) ngày 10/03/2026, 09:00-10:00, đón tại Nhà văn hóa Xóm Lát Đá. Giờ xe đón sẽ được nhắn sau. Mã đặt chỗ K7M2QX.",
            vi);
        Assert.Equal(
            "Outreach ID cards: booked for Lan (2 children, 1 adult) on 10/03/2026, 09:00-10:00, pickup at Nhà văn hóa Xóm Lát Đá. We will text the van's time. Booking code K7M2QX.",
            en);
    }

    [Fact]
    public void Render_PickupConfirmation_VietnameseSaysWhoWhenWhereAndTheCode()
    {
        var text = MessageText.Render(Message(MessageText.PickupConfirmation, Family, "vi"));

        Assert.Equal(
            "Cấp căn cước: xe đón Lan (2 trẻ, 1 người lớn) ngày 10/03/2026 lúc 07:40, tại Nhà văn hóa Xóm Lát Đá, đến Công an thành phố Sông Công. Đưa về khoảng 10:05. Mã đặt chỗ K7M2QX.",
            text);
    }

    [Fact]
    public void Render_PickupConfirmationAtHomeInEnglish_SaysYourHomeAndNoReturnTimeWhenNoneIsPlanned()
    {
        var text = MessageText.Render(Message(MessageText.PickupConfirmation, FamilyAtHome, "en"));

        Assert.Equal(
            "Outreach ID cards: pickup for Hùng (1 child, 2 adults) on 10/03/2026 at 14:10, at your home, to Công an thành phố Sông Công. Booking code P3Q9ZZ.",
            text);
    }

    [Fact]
    public void Render_DriverLink_HasTheTripTheDepartureAndTheLinkLast()
    {
        var text = MessageText.Render(Message(MessageText.PickupDriverLink, Driver, "vi"));

        Assert.Equal("Lộ trình Xe đón 1 (20A-123.45) ngày 10/03/2026, chuyến 2: xuất phát 13:20, 5 lượt đón. https://outreach.example.vn/r/abc", text);
    }

    [Fact]
    public void Render_DriversDay_OneMessageWithEveryTripsDepartureAndTheShortLinkLast()
    {
        var vi = MessageText.Render(Message(MessageText.PickupDriverLink, DriverDay, "vi"));
        var en = MessageText.Render(Message(MessageText.PickupDriverLink, DriverDay, "en"));

        Assert.Equal("Lộ trình Xe đón 1 (20A-123.45) ngày 10/03/2026: 2 chuyến, xuất phát 07:30, 10:35, 1 lượt đón. https://outreach.example.vn/d/K7M2QX9PTA4B", vi);
        Assert.Equal("Route Xe đón 1 (20A-123.45) 10/03/2026: 2 trips, leave 07:30, 10:35, 1 booking. https://outreach.example.vn/d/K7M2QX9PTA4B", en);
    }

    [Fact]
    public void Render_VisitScheduled_NamesTheDayTheHoursTheCountsAndWhoMustBeThere()
    {
        var vi = MessageText.Render(Message(MessageText.VisitScheduled, Visit, "vi"));
        var en = MessageText.Render(Message(MessageText.VisitScheduled, Visit, "en"));

        Assert.Equal(
            "Tổ lưu động cấp căn cước đến Trung tâm Bảo trợ xã hội Chủ nhật 15/03/2026, 08:00-11:30: thu nhận 45 người, chụp lại 3 người. Cần có mặt: bác sĩ, người thân.",
            vi);
        Assert.Equal(
            "ID card mobile team at Trung tâm Bảo trợ xã hội on Sunday 15/03/2026, 08:00-11:30: 45 people to capture, 3 to retake. Please have a doctor and a relative present.",
            en);
    }

    [Fact]
    public void Render_TeamLeadLink_LeaveBackVisitsPeopleAndTheLink()
    {
        var text = MessageText.Render(Message(MessageText.VisitTeamLeadLink, Lead, "vi"));

        Assert.Equal("Lịch trình Tổ lưu động 2 Thứ tư 11/03/2026: rời trạm 16:20, về 20:45, 2 điểm, thu nhận 17 người. https://outreach.example.vn/r/xyz", text);
    }

    private const string Roster = """{"Name":"Hà Linh","Monday":"2026-03-09","Date":"2026-03-15","ShiftsVi":"thứ Hai Ca ngày 07:30-17:00; thứ Tư Lưu động 07:00-17:30 (tổ 1)","ShiftsEn":"Monday Day desk 07:30-17:00; Wednesday Field day 07:00-17:30 (team 1)"}""";

    [Fact]
    public void Render_RosterShifts_TheWeeksShiftsOfOneOfficer()
    {
        var text = MessageText.Render(Message(MessageText.RosterShifts, Roster, "vi"));

        Assert.Equal("Lịch trực Hà Linh, tuần 09/03/2026-15/03/2026: thứ Hai Ca ngày 07:30-17:00; thứ Tư Lưu động 07:00-17:30 (tổ 1)", text);
    }

    [Fact]
    public void Render_EveryTemplateInBothLanguages_GivesTextWithTheDate()
    {
        var payloads = new Dictionary<string, string>
        {
            [MessageText.PickupBooked] = Booked, [MessageText.PickupConfirmation] = Family, [MessageText.PickupReminder] = Family, [MessageText.PickupDriverLink] = Driver,
            [MessageText.VisitScheduled] = Visit, [MessageText.VisitReminder] = Visit, [MessageText.VisitTeamLeadLink] = Lead,
            [MessageText.RosterShifts] = Roster,
        };
        Assert.Equal(MessageText.Templates.Order(StringComparer.Ordinal), payloads.Keys.Order(StringComparer.Ordinal));
        foreach (var (template, payload) in payloads)
        {
            foreach (var language in new[] { "vi", "en" })
            {
                var text = MessageText.Render(Message(template, payload, language));
                Assert.Matches(@"\d\d/03/2026", text);
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Render_UnknownTemplateOrMissingValue_ThrowsNamingIt()
    {
        var unknown = Assert.Throws<MessageTextException>(() => MessageText.Render(Message("pickup.surprise", Family, "vi")));
        var missing = Assert.Throws<MessageTextException>(() => MessageText.Render(Message(MessageText.PickupDriverLink, """{"Vehicle":"Xe 1","Date":"2026-03-10"}""", "vi")));
        var notJson = Assert.Throws<MessageTextException>(() => MessageText.Render(Message(MessageText.PickupDriverLink, "Xe 1", "vi")));

        Assert.Contains("'pickup.surprise'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("'Trip'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not JSON", notJson.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventDate_PickupAndVisitPayloads_TheirDayEitherCase()
    {
        Assert.Equal(new DateOnly(2026, 3, 10), MessageText.EventDate(Message(MessageText.PickupReminder, Family, "vi")));
        Assert.Equal(new DateOnly(2026, 3, 15), MessageText.EventDate(Message(MessageText.VisitReminder, Visit, "vi")));
        Assert.Null(MessageText.EventDate(Message(MessageText.VisitReminder, "{}", "vi")));
    }

    internal static OutboxMessage Message(string template, string payload, string language, string recipient = "0912345678", DateTimeOffset? due = null) =>
        new(0, NotificationChannel.Sms, recipient, template, language, payload, $"test:{Guid.NewGuid():N}", due ?? DateTimeOffset.UnixEpoch,
            NotificationStatus.Pending, 0, DateTimeOffset.UnixEpoch, null, null);
}
