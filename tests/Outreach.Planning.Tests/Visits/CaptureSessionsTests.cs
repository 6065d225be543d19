using Outreach.Domain;
using Outreach.Planning.Visits;
using static Outreach.Planning.Tests.Visits.VisitScenario;

namespace Outreach.Planning.Tests.Visits;

public sealed class CaptureSessionsTests
{
    private static readonly VisitWeek Week = new(Monday);
    private static readonly Site Hamlet = Site(10, "Xóm Mới", StationPoint);

    [Fact]
    public void Build_MixedHamlet_HalfHourSessionsMostValuableFirst()
    {
        // 3 elderly (15 min, factor 1.5) first, then 4 aged 14+ (8 min), taken in order into half-hour sessions:
        // 2 elderly (30 min); the third elderly and one 14+ (23 min; one more would make 31 > 30); three 14+ (24 min).
        var request = Request(100, 10, [(ApplicantCategory.Age14Plus, 4), (ApplicantCategory.Elderly, 3)], 10, [Window(0, 17, 0, 21, 0)]);

        var sessions = CaptureSessions.Build([(request, Hamlet, 1)], Week, VisitPlanningOptions.Default);

        Assert.Equal([2, 2, 3], sessions.Select(s => s.Count));
        Assert.Equal([2, 1, 0], sessions.Select(s => s.People.Elderly));
        Assert.Equal([30 * 60, 23 * 60, 24 * 60], sessions.Select(s => s.OneKitSeconds));
        Assert.All(sessions, s => Assert.False(s.IsRepeat));
    }

    [Fact]
    public void Build_CareCentreWithFailures_RepeatsAddUpToTheExpectedFailures()
    {
        // 45 residents at 20 min: one per half-hour session. 15 % fail: after n residents ceil(0.15 n) are retried,
        // so the 45 first sessions bring ceil(6.75) = 7 one-person repeats, each retrying its own session.
        var request = Request(100, 10, [(ApplicantCategory.CareCentreResident, 45)], 30, [Window(6, 8, 0, 11, 30)], failureShare: 0.15);

        var sessions = CaptureSessions.Build([(request, Hamlet, 1)], Week, VisitPlanningOptions.Default);

        var repeats = sessions.Where(s => s.IsRepeat).ToList();
        Assert.Equal(45, sessions.Count(s => !s.IsRepeat));
        Assert.Equal(7, repeats.Sum(s => s.Count));
        Assert.All(repeats, r => Assert.False(sessions[r.RepeatOf!.Value].IsRepeat));
        // A repeat is worth half a first capture of the same person.
        Assert.Equal(sessions[repeats[0].RepeatOf!.Value].Value / 2, repeats[0].Value, 6);
    }

    [Fact]
    public void Build_TeamsWithTwoKits_SessionsGiveEveryKitSomeone()
    {
        // Residents take 25 min. With two kits a session holds two (50 min of one-kit time) and takes 25 min.
        var request = Request(100, 10, [(ApplicantCategory.CareCentreResident, 4)], 30, [Window(6, 7, 30, 17, 0)], captureMinutes: 25);

        var sessions = CaptureSessions.Build([(request, Hamlet, 1)], Week, VisitPlanningOptions.Default, maxKits: 2, minKits: 2);

        Assert.Equal([2, 2], sessions.Select(s => s.Count));
        Assert.Equal(25 * 60, sessions[0].CaptureSeconds(2));
        Assert.Equal(50 * 60, sessions[0].CaptureSeconds(1));
    }

    [Fact]
    public void Build_ManySessions_GrowButNeverBeyondHalfTheLongestWindow()
    {
        // 300 people at 8 min would be 100 half-hour sessions; at most 20 allowed, sessions grow, but the request's
        // window is 60 min, so no session exceeds 30 min (3 people).
        var request = Request(100, 10, [(ApplicantCategory.Age14Plus, 300)], 10, [Window(0, 18, 0, 19, 0)]);

        var sessions = CaptureSessions.Build([(request, Hamlet, 1)], Week, VisitPlanningOptions.Default with { MaxSessions = 20 });

        Assert.All(sessions, s => Assert.True(s.OneKitSeconds <= 30 * 60, $"{s.OneKitSeconds} s"));
        Assert.Equal(300, sessions.Sum(s => s.Count));
    }

    [Theory]
    [InlineData(1, 3600)] // 4 people x 15 min with one kit
    [InlineData(2, 1800)] // two at a time
    [InlineData(3, 1200)] // 3600 / 3
    [InlineData(8, 900)] // never faster than one person's capture
    public void CaptureSeconds_Kits_InParallelButNoFasterThanOnePerson(int kits, int expected)
    {
        var session = new CaptureSession(0, Request(1, 10, [(ApplicantCategory.Elderly, 4)], 0, []), Hamlet, 1,
            new CategoryCounts(0, 0, 4, 0, 0), 3600, 900, null, 1);

        Assert.Equal(expected, session.CaptureSeconds(kits));
    }

    [Theory]
    [InlineData(ApplicantCategory.BedriddenOrDisabled, 5, null, 30.0)] // (1 + 5) x 5
    [InlineData(ApplicantCategory.CareCentreResident, 4, null, 10.0)] // (1 + 4) x 2
    [InlineData(ApplicantCategory.Age14Plus, 3, 4, 8.0)] // (1 + 3) x 1 x 2: deadline on Friday of the week
    [InlineData(ApplicantCategory.Elderly, 3, 10, 9.0)] // (1 + 3) x 1.5 x 1.5: deadline the week after
    [InlineData(ApplicantCategory.Child6To14WithGuardian, 0, 40, 1.0)]
    public void PerPerson_CategoryPriorityDeadline_Weights(ApplicantCategory category, int priority, int? deadlineDay, double expected)
    {
        var request = Request(1, 10, [(category, 1)], 0, [], priority: priority, deadline: deadlineDay is { } d ? Monday.AddDays(d) : null);

        Assert.Equal(expected, VisitValue.PerPerson(request, category, Week), 6);
    }
}
