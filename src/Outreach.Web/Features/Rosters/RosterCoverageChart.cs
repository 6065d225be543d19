using System.Globalization;
using System.Net;
using System.Text;
using Outreach.Planning.Rosters;
using Outreach.Solver.Rosters;

namespace Outreach.Web.Features.Rosters;

/// <summary>
/// A day's coverage drawn on the server as SVG: for each desk block, the capture desks wanted (outlined bar) against the
/// capture officers staffed (filled bar, red when short), and the day's van drivers. No script; prints as it shows. Pure.
/// </summary>
public static class RosterCoverageChart
{
    public static string Day(RosterProblem problem, RosterEvaluation evaluation, DateOnly date, string title)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(evaluation);
        var covers = Enumerable.Range(0, problem.Covers.Count)
            .Where(c => problem.Covers[c].Date == date && problem.Covers[c].Skill is RosterShiftCatalogue.Capture or RosterShiftCatalogue.Driver)
            .ToList();
        const int width = 300, height = 120, left = 22, bottom = 98, barWidth = 14;
        int max = Math.Max(1, covers.Select(c => Math.Max(problem.Model.Covers[c].Required, evaluation.CoverStaffed[c])).DefaultIfEmpty(1).Max());
        double scale = 80.0 / max;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" class=\"roster-chart\" role=\"img\" aria-labelledby=\"chart-{date:yyyyMMdd}\" id=\"coverage-{date:yyyy-MM-dd}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"chart-{date:yyyyMMdd}\">{WebUtility.HtmlEncode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{width - 4}\" y2=\"{bottom}\" stroke=\"#555\" />");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{bottom - (max * scale) + 4:0}\" font-size=\"9\">{max}</text><text x=\"2\" y=\"{bottom}\" font-size=\"9\">0</text>");
        int x = left + 4;
        foreach (int c in covers)
        {
            var info = problem.Covers[c];
            int wanted = problem.Model.Covers[c].Required, staffed = evaluation.CoverStaffed[c];
            bool driver = info.Skill == RosterShiftCatalogue.Driver;
            string fill = staffed < wanted ? "#c62828" : driver ? "#6a1b9a" : "#2e7d32";
            double hw = wanted * scale, hs = staffed * scale;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"roster-chart__block\" data-wanted=\"{wanted}\" data-staffed=\"{staffed}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Hhmm(info.StartMinute)}-{Hhmm(info.EndMinute)} {(driver ? "lái xe" : "thu nhận")}: {staffed}/{wanted}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{bottom - hs:0.#}\" width=\"{barWidth}\" height=\"{hs:0.#}\" fill=\"{fill}\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x - 2}\" y=\"{bottom - hw:0.#}\" width=\"{barWidth + 4}\" height=\"{hw:0.#}\" fill=\"none\" stroke=\"#111\" stroke-dasharray=\"3 2\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{bottom + 10}\" font-size=\"8\">{(driver ? "xe" : Hhmm(info.StartMinute)[..2])}</text>");
            svg.Append("</g>");
            x += barWidth + 16;
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Hhmm(int minute) => $"{minute / 60 % 24:00}:{minute % 60:00}";
}
