using System.Text;
using MiniExcelLibs;
using Outreach.Web.Features.StationResources;

namespace Outreach.Web.Tests.Features.StationResources;

/// <summary>Spreadsheets as chiefs receive them: real date cells, numbers, semicolons, quotes, blank lines.</summary>
public sealed class SheetTableTests
{
    [Fact]
    public void ReadXlsx_DateCellsAndNumbers_AreReadAsTheImportWritesThem()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object> { ["Ngày ở nhà"] = new DateTime(2026, 12, 15), ["Người cao tuổi"] = 2, ["Từ giờ"] = "08:00" },
            new Dictionary<string, object> { ["Ngày ở nhà"] = new DateTime(2026, 12, 16), ["Người cao tuổi"] = 3.0, ["Từ giờ"] = "14:30" },
        });
        stream.Position = 0;

        var table = SheetTable.ReadXlsx(stream);

        Assert.Equal(["Ngày ở nhà", "Người cao tuổi", "Từ giờ"], table.Headers);
        Assert.Equal([2, 3], table.Rows.Select(r => r.Number));
        Assert.Equal(["2026-12-15", "2", "08:00"], table.Rows[0].Cells);
        Assert.Equal(["2026-12-16", "3", "14:30"], table.Rows[1].Cells);
    }

    [Fact]
    public void ReadCsv_SemicolonsQuotesAndABlankLine_KeepTheSpreadsheetsRowNumbers()
    {
        var text = "\uFEFFĐịa điểm;Ghi chú\r\nNhà văn hóa;\"Cần bác sĩ; gọi trước\"\r\n\r\nTrường học;\r\n";

        var table = SheetTable.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(["Địa điểm", "Ghi chú"], table.Headers);
        Assert.Equal("Cần bác sĩ; gọi trước", table.Rows[0][1]);
        Assert.True(table.Rows[1].IsEmpty);
        Assert.Equal((4, "Trường học"), (table.Rows[2].Number, table.Rows[2][0]));
    }

    [Fact]
    public void WriteCsv_ThenReadCsv_RoundTripsHeadersAndText()
    {
        var bytes = SheetTable.WriteCsv(["Người liên hệ", "Ghi chú"], [["Trưởng thôn", "a; b \"c\""]]);

        var table = SheetTable.ReadCsv(new MemoryStream(bytes));

        Assert.Equal(["Người liên hệ", "Ghi chú"], table.Headers);
        Assert.Equal(["Trưởng thôn", "a; b \"c\""], table.Rows[0].Cells);
    }
}
