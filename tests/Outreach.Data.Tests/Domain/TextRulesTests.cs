using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Data.Tests.Domain;

public class TextRulesTests
{
    [Theory]
    [InlineData("Nguyễn Thị Lan")]
    [InlineData("Đặng Văn Hùng 👨‍👩‍👧")] // an emoji family joined by zero-width joiners
    [InlineData("Ngõ 5, ngách 12/3")]
    public void IndexOfForbidden_NamesPeopleWrite_Clean(string text) =>
        Assert.Equal(-1, TextRules.IndexOfForbidden(text));

    [Theory]
    [InlineData("L\u0000an", 1)]
    [InlineData("Lan\u202E", 3)]
    [InlineData("\u2066Lan", 0)]
    [InlineData("La\u0085n", 2)]
    [InlineData("Lan\u007F", 3)]
    [InlineData("Lan\uFFFD", 3)]
    [InlineData("Lan\u2028", 3)]
    [InlineData("Lan\uD800x", 3)] // a lone high surrogate
    [InlineData("dòng một\ndòng hai", 8)]
    public void IndexOfForbidden_ControlOrDirectionCharacter_ItsIndex(string text, int index) =>
        Assert.Equal(index, TextRules.IndexOfForbidden(text));

    [Fact]
    public void IndexOfForbidden_MultiLineNote_LineBreaksAndTabsAllowedButNotNul()
    {
        Assert.Equal(-1, TextRules.IndexOfForbidden("dòng một\r\n\tdòng hai", multiline: true));
        Assert.Equal(4, TextRules.IndexOfForbidden("một\n\u0000", multiline: true));
    }

    [Fact]
    public void Visible_ShowsEachRefusedCharacterAsItsCodePoint()
    {
        Assert.Equal("Lan[U+202E]evil", TextRules.Visible("Lan\u202Eevil"));
        Assert.Equal("U+0000", TextRules.FirstForbidden("a\u0000b\u202E"));
        Assert.Equal(new string('a', 40) + "…", TextRules.Visible(new string('a', 100)));
    }

    [Fact]
    public void ValidateSite_NulInTheName_NamesTheFieldAndTheCharacter_ValueShownWithoutIt()
    {
        var site = new Site(0, 1, "Trường\u0000 A", SiteKind.School, new GeoPoint(105.8, 21.4), null, false, "ghi chú\nhai dòng");

        var error = Assert.Single(DomainValidators.Validate(site));

        Assert.Equal(("name", "Trường[U+0000] A"), (error.Field, error.Value));
        Assert.Contains("U+0000", error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("U+0000", error.MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateBooking_RightToLeftOverrideInTheFirstName_Refused()
    {
        var booking = TestData.Booking(stationId: 1, siteId: 2) with { ContactFirstName = "Lan\u202Enaht" };

        var error = Assert.Single(DomainValidators.Validate(booking));

        Assert.Equal("contactFirstName", error.Field);
    }

    [Fact]
    public void ValidateStation_DayNumberOutOfRange_NamesTheDay()
    {
        var station = TestData.Station() with { OpeningHours = [new OpeningHours((DayOfWeek)99, new TimeOnly(7, 0), new TimeOnly(11, 0))] };

        var error = Assert.Single(DomainValidators.Validate(station));

        Assert.Equal(("openingHours[0].day", "99"), (error.Field, error.Value));
    }
}
