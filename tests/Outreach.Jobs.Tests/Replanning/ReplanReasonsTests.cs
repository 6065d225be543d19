using Outreach.Data.Stores;
using Outreach.Jobs.Replanning;

namespace Outreach.Jobs.Tests.Replanning;

public sealed class ReplanReasonsTests
{
    [Fact]
    public void FloodDrawn_Name_TheCodeThenTheNameAsTheChiefTypedIt()
    {
        Assert.Equal("weather.flood:Cầu Rẽo", ReplanReasons.FloodDrawn("Cầu Rẽo"));
        Assert.Equal("weather.closure:Ngầm Bá Xuyên", ReplanReasons.ClosureDrawn(" Ngầm Bá Xuyên "));
        Assert.Equal("weather.cleared:Cầu Rẽo", ReplanReasons.Reopened("Cầu Rẽo"));
    }

    [Fact]
    public void FloodDrawn_CommasAndLongNames_KeptAsTheRequestsAcceptThem()
    {
        // Commas separate a request's reasons: they become spaces. Names are cut to the longest the requests keep.
        Assert.Equal("weather.flood:Cầu Rẽo  Ngầm Bá Xuyên", ReplanReasons.FloodDrawn("Cầu Rẽo, Ngầm Bá Xuyên"));
        var name = new string('x', ReplanRequestStore.MaxLabelLength - 1) + "😀";
        Assert.Equal("weather.flood:" + new string('x', ReplanRequestStore.MaxLabelLength - 1), ReplanReasons.FloodDrawn(name));
        Assert.Equal("weather.flood", ReplanReasons.FloodDrawn(" , "));
    }
}
