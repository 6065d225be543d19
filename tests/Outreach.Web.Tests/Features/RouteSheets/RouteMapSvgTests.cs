using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

public sealed class RouteMapSvgTests
{
    private static readonly MapLabels Labels = new("Bản đồ", "B", "Nét đứt: ước tính");

    [Fact]
    public async Task Render_RoadSample_WellFormedSvgWithRoadLegsMarkersScaleNorthAndOsmAttribution()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var sheet = await app.Services.GetRequiredService<RouteSheetService>().GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        var svg = XElement.Parse(RouteMapSvg.Render(sheet!.Map, Labels));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal("0 0 800 500", (string?)svg.Attribute("viewBox"));
        Assert.Equal(3, svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "leg-road"));
        Assert.DoesNotContain(svg.Descendants(ns + "path"), p => (string?)p.Attribute("class") == "leg-estimated");
        Assert.Equal(["1·4", "2", "3"], svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "map-marker").Select(g => (string?)g.Attribute("data-stops")));
        Assert.Equal("200 m", svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "map-scale").Value);
        Assert.Equal("B", svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "map-north").Value);
        Assert.Equal("© OpenStreetMap contributors, ODbL", svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "map-attribution").Value);
        Assert.DoesNotContain(svg.Descendants(ns + "g"), g => (string?)g.Attribute("class") == "map-estimated");
        // Every marker lies inside the drawing.
        foreach (var rect in svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "map-marker").Select(g => g.Element(ns + "rect")!))
        {
            Assert.InRange(double.Parse((string)rect.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture), -20, 800);
            Assert.InRange(double.Parse((string)rect.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture), -20, 500);
        }
    }

    [Fact]
    public async Task Render_OutlineOnlyArea_DashedEstimatedLegsLabelledAndDvhcvnAttribution()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongAsync(app.Services);
        var sheet = await app.Services.GetRequiredService<RouteSheetService>().GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        var svg = XElement.Parse(RouteMapSvg.Render(sheet!.Map, Labels));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(3, svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "leg-estimated"));
        Assert.Equal("Nét đứt: ước tính", svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "map-estimated").Value);
        Assert.NotEmpty(svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "map-outline").Elements());
        Assert.Equal("dvhcvn (gis.chinhphu.vn), GPL-3.0", svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "map-attribution").Value);
        // Illustrative positions are drawn hollow (white fill).
        Assert.All(svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "map-marker"),
            g => Assert.Equal("#fff", (string?)g.Element(ns + "rect")!.Attribute("fill")));
    }

    [Fact]
    public void Render_EmptyMap_JustTheFrame()
    {
        var svg = XElement.Parse(RouteMapSvg.Render(RouteMap.Empty, Labels));

        Assert.Equal(2, svg.Elements().Count());
    }
}
