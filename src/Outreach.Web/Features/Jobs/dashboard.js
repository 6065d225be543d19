// Appended to the job dashboard's script bundle (Hangfire's own pages at /staff/jobs). Chart.js would add a <style>
// element for its resize monitor, which the site's Content-Security-Policy (no inline style) refuses; the same rules
// come in the dashboard's stylesheet bundle (Chart.min.css), so Chart.js is told not to inject them. Runs before the
// dashboard draws its graphs (on document ready).
if (window.Chart && Chart.platform) {
    Chart.platform.disableCSSInjection = true;
}
