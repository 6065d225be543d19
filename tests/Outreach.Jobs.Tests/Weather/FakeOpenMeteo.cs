using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;

namespace Outreach.Jobs.Tests.Weather;

/// <summary>
/// A local HTTP server standing in for Open-Meteo (<see cref="HttpListener"/> on a free loopback port): answers each GET
/// with <see cref="Answer"/>, by default a forecast in Open-Meteo's shape (an array of locations, each with
/// <c>hourly.time</c> in local time and <c>hourly.precipitation</c> in mm) for the points and days asked, every hour
/// raining <see cref="Rain"/> mm. Records the query strings it was asked.
/// </summary>
public sealed class FakeOpenMeteo : IDisposable
{
    private readonly HttpListener _listener;
    private readonly List<string> _queries = [];
    private readonly Task _loop;

    public FakeOpenMeteo()
    {
        // A port free a moment ago may be taken by another process before the listener binds it: try another.
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                Endpoint = new Uri($"http://127.0.0.1:{port}/v1/forecast");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Millimetres per hour of the default forecast, by local time of the hour.</summary>
    public Func<DateTime, double> Rain { get; set; } = _ => 0;

    /// <summary>Status and body for a request's query; null: the default forecast.</summary>
    public Func<string, (HttpStatusCode Status, string Body)?> Answer { get; set; } = _ => null;

    public IReadOnlyList<string> Queries
    {
        get
        {
            lock (_queries)
            {
                return [.. _queries];
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var query = context.Request.Url!.Query.TrimStart('?');
            lock (_queries)
            {
                _queries.Add(query);
            }

            var (status, body) = Answer(query) ?? (HttpStatusCode.OK, Forecast(query));
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    /// <summary>Open-Meteo's answer shape for several locations, with <see cref="Rain"/> every hour of the days asked.</summary>
    private string Forecast(string query)
    {
        var q = HttpUtility.ParseQueryString(query);
        var latitudes = q["latitude"]!.Split(',');
        var longitudes = q["longitude"]!.Split(',');
        var first = DateOnly.ParseExact(q["start_date"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = DateOnly.ParseExact(q["end_date"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var hours = Enumerable.Range(0, (last.DayNumber - first.DayNumber + 1) * 24).Select(h => first.ToDateTime(TimeOnly.MinValue).AddHours(h)).ToList();
        var times = string.Join(',', hours.Select(h => $"\"{h:yyyy-MM-dd'T'HH:mm}\""));
        var values = string.Join(',', hours.Select(h => Rain(h).ToString("0.0", CultureInfo.InvariantCulture)));
        var locations = latitudes.Select((lat, i) =>
            $$$"""
            {"latitude":{{{lat}}},"longitude":{{{longitudes[i]}}},"generationtime_ms":0.08,"utc_offset_seconds":25200,"timezone":"Asia/Ho_Chi_Minh",
             "timezone_abbreviation":"GMT+7","elevation":38.0,"location_id":{{{i}}},
             "hourly_units":{"time":"iso8601","precipitation":"mm"},"hourly":{"time":[{{{times}}}],"precipitation":[{{{values}}}]}}
            """);
        return "[" + string.Join(',', locations) + "]";
    }

    public void Dispose()
    {
        if (!_listener.IsListening)
        {
            return;
        }

        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
