using Outreach.Domain.Validation;

namespace Outreach.Data.Tests.Domain;

public class VietnamPhoneTests
{
    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("091 234 5678", "0912345678")]
    [InlineData("0912.345.678", "0912345678")]
    [InlineData("+84912345678", "0912345678")]
    [InlineData("+84 91-234-5678", "0912345678")]
    public void Normalize_AcceptedForms_GiveNationalForm(string input, string expected) =>
        Assert.Equal(expected, VietnamPhone.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("912345678")] // no leading 0
    [InlineData("091234567")] // 0 + 8 digits
    [InlineData("09123456789")] // 0 + 10 digits
    [InlineData("+840912345678")] // +84 followed by a national 0
    [InlineData("0012345678")] // 00 is an international prefix, not a subscriber number
    [InlineData("+8491234567")] // +84 and 8 digits
    [InlineData("0912a45678")]
    [InlineData("84+912345678")]
    public void Normalize_OtherInput_IsNull(string input) =>
        Assert.Null(VietnamPhone.Normalize(input));

    [Fact]
    public void Mask_TenDigits_ShowsLastThreeOnly() =>
        Assert.Equal("*******678", VietnamPhone.Mask("0912345678"));

    [Theory]
    [InlineData("0912345678", "0912345678")] // a mobile number
    [InlineData("0208 3856 123", "02083856123")] // a landline with its area code (Thái Nguyên)
    [InlineData("(024) 3826-1234", "02438261234")]
    [InlineData("+84 208 3856 123", "02083856123")]
    public void NormalizeStationLine_MobileOrLandline_GivesNationalForm(string input, string expected) =>
        Assert.Equal(expected, VietnamPhone.NormalizeStationLine(input));

    [Theory]
    [InlineData("abc")]
    [InlineData("020838561234")] // 12 digits
    [InlineData("03083856123")] // 11 digits not starting 02
    [InlineData("+8402083856123")]
    public void NormalizeStationLine_Other_IsNull(string input) =>
        Assert.Null(VietnamPhone.NormalizeStationLine(input));
}
