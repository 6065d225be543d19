using Outreach.Solver.Routing;

namespace Outreach.Solver.Tests.Routing;

public class AdaptiveWeightsTests
{
    [Fact]
    public void Select_FixedWeights_DrawsInProportionAndNeverAZeroWeight()
    {
        // Weights 3 : 1 : 0 give shares 0.75, 0.25 and 0; 20 000 draws land within 2 points of that.
        var weights = new AdaptiveWeights([3, 1, 0], adaptive: false);
        var rng = new Rng(1);
        var counts = new int[3];
        for (int i = 0; i < 20_000; i++)
        {
            counts[weights.Select(ref rng)]++;
        }

        Assert.InRange(counts[0] / 20_000.0, 0.73, 0.77);
        Assert.Equal(0, counts[2]);
    }

    [Fact]
    public void Record_OneOperatorFindsBests_ItsWeightGrowsAndTheOtherKeepsItsFloor()
    {
        // Operator 0 always earns 33, operator 1 nothing. After one segment: w0 = 0.9 x 1 + 0.1 x 33 = 4.2,
        // w1 = 0.9 x 1 = 0.9 (above its floor 0.1 x 5.1 x 0.5 = 0.255).
        var weights = new AdaptiveWeights([1, 1], adaptive: true);
        for (int i = 0; i < AdaptiveWeights.SegmentLength; i++)
        {
            weights.Record(i % 2, i % 2 == 0 ? AdaptiveWeights.NewBestScore : 0);
        }

        Assert.Equal(4.2, weights.Weights[0], 9);
        Assert.Equal(0.9, weights.Weights[1], 9);

        for (int i = 0; i < 100 * AdaptiveWeights.SegmentLength; i++)
        {
            weights.Record(i % 2, i % 2 == 0 ? AdaptiveWeights.NewBestScore : 0);
        }

        // w0 tends to 33; w1 shrinks until its floor, a tenth of half the total.
        double total = weights.Weights[0] + weights.Weights[1];
        Assert.InRange(weights.Weights[1] / total, 0.1 * 0.5 / 1.1, 0.06);
    }

    [Fact]
    public void Record_NotAdaptive_WeightsNeverChange()
    {
        var weights = new AdaptiveWeights([2, 1], adaptive: false);
        for (int i = 0; i < 10 * AdaptiveWeights.SegmentLength; i++)
        {
            weights.Record(0, AdaptiveWeights.NewBestScore);
        }

        Assert.Equal([2.0, 1.0], weights.Weights.ToArray());
    }
}
