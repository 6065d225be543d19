using System.Text;
using NetTopologySuite.Geometries;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Osm;
using Outreach.Geo.Roads;
using Outreach.Geo.Weather;

namespace Outreach.Geo.Tests;

/// <summary>
/// Issue 14: a bounded, seeded fuzz test of the map readers (GeoJSON, OSM XML, CSV site lists, and what is built from
/// them: road ways, weather, an OSM import). Each case starts from a valid file and breaks it: cut short, a number made
/// huge or not a number, a value of the wrong type, odd Unicode (NUL, a right-to-left override, a lone surrogate, a BOM,
/// combining marks), nesting thousands deep, random bytes changed. Every reader must either read it or refuse it with a
/// <see cref="GeoDataException"/> (what the command line and the app turn into a message); any other exception, or a
/// case that takes longer than <see cref="PerCase"/>, fails the test with the case's seed, number and text.
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private const int Seed = 14;
    private const int CasesPerReader = 250;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(5);

    private readonly string _folder = Directory.CreateTempSubdirectory("outreach-fuzz-").FullName;
    private int _read;
    private int _refused;

    private const string ValidGeoJson = """
        { "type": "FeatureCollection", "features": [
          { "type": "Feature", "id": "way/1", "properties": { "highway": "residential", "osm_id": 1, "name": "Đường Cách Mạng Tháng Tám", "maxspeed": "40", "oneway": "yes", "weather": "rain", "mm_per_hour": "12.5" },
            "geometry": { "type": "LineString", "coordinates": [[106.69, 10.78], [106.70, 10.79], [106.71, 10.785]] } },
          { "type": "Feature", "properties": { "highway": "primary", "weather": "flood", "name": "Lũ sông Công" },
            "geometry": { "type": "Polygon", "coordinates": [[[106.6, 10.7], [106.8, 10.7], [106.8, 10.9], [106.6, 10.9], [106.6, 10.7]]] } },
          { "type": "Feature", "properties": { "weather": "closure", "kind": "landslide", "name": "Sạt lở", "highway": "track" },
            "geometry": { "type": "MultiLineString", "coordinates": [[[106.69, 10.78], [106.695, 10.781]]] } },
          { "type": "Feature", "properties": { "name": "Trường Tiểu học", "amenity": "school" },
            "geometry": { "type": "Point", "coordinates": [106.7, 10.78] } }
        ] }
        """;

    private const string ValidOsm = """
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6" generator="test">
          <node id="1" lat="10.78" lon="106.69"><tag k="amenity" v="school"/><tag k="name" v="Trường Tiểu học Lê Văn Tám"/></node>
          <node id="2" lat="10.79" lon="106.70"/>
          <node id="3" lat="10.785" lon="106.71"/>
          <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="name" v="Hẻm 5"/><tag k="oneway" v="yes"/></way>
          <way id="11"><nd ref="3"/><nd ref="1"/><tag k="highway" v="service"/><tag k="maxspeed" v="20"/></way>
          <relation id="20"><member type="way" ref="10" role=""/></relation>
        </osm>
        """;

    private const string ValidCsv = "name,lon,lat\nTrường A,106.69,10.78\n\"UBND phường\",106.70,10.79\nNhà văn hóa,106.71,10.785\n";

    private static readonly string[] OddValues =
    [
        "1e308", "-1e308", "1e400", "-1e999999", "123456789012345678901234567890", "0.000000000000000000000000000001",
        "NaN", "Infinity", "-0", "\"106.69\"", "null", "true", "{}", "[]", "[[]]", "\"\"", "\"\\u0000\"", "\"\\u202e\"",
        "\"\\ud800\"", "\"\\ufeff\"", "\"a\\u0301\\u0302\\u0303\"", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309",
    ];

    private static readonly string[] OddText =
    [
        "\u0000", "\u202E", "\uD800", "\uDC00", "\uFEFF", "\u0301\u0302", "👨‍👩‍👧", "\u2028", "\r", "\t", "%00", "&amp;", "&#0;", "]]>", "<!--",
        "\uFFFD", "\u0085", "ⅰⅱ", "١٢٣",
    ];

    [Fact]
    public void GeoJson_BrokenInManyWays_ReadOrRefusedWithAGeoDataException()
    {
        var failures = new List<string>();
        var random = new Random(Seed);
        for (var i = 0; i < CasesPerReader; i++)
        {
            var text = MutateJson(ValidGeoJson, random);
            // Each reader on its own: one refusing must not keep the others from seeing the case.
            Check(failures, "GeoJSON roads", i, text, () => RoadWayReader.FromFeatures(GeoJsonReader.ReadString(text)));
            Check(failures, "GeoJSON weather", i, text, () => WeatherGeoJson.Read(GeoJsonReader.ReadString(text)));
            var file = Path.Combine(_folder, $"case-{i}.geojson");
            File.WriteAllBytes(file, Encoding.UTF8.GetBytes(text));
            Check(failures, "GeoJSON sites", i, text, () => SitePoints.ReadFile(file));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(_read > 0 && _refused > 0, $"read {_read}, refused {_refused}: the cases should reach both");
    }

    [Fact]
    public void GeoJson_BytesThatAreNotUtf8_Refused()
    {
        var failures = new List<string>();
        var random = new Random(Seed + 1);
        for (var i = 0; i < 50; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(ValidGeoJson);
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
            }

            var file = Path.Combine(_folder, $"bytes-{i}.geojson");
            File.WriteAllBytes(file, bytes);
            Check(failures, "GeoJSON bytes", i, Convert.ToHexString(bytes.AsSpan(0, Math.Min(60, bytes.Length))), () =>
            {
                var read = GeoJsonReader.ReadFile(file);
                RoadWayReader.FromFeatures(read);
                SitePoints.ReadFile(file);
            });
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Osm_BrokenInManyWays_ReadOrRefusedWithAGeoDataException()
    {
        var failures = new List<string>();
        var random = new Random(Seed + 2);
        var boundary = Geodesy.Factory.CreatePolygon(new Coordinate[] { new(106.6, 10.7), new(106.8, 10.7), new(106.8, 10.9), new(106.6, 10.9), new(106.6, 10.7) });
        for (var i = 0; i < CasesPerReader; i++)
        {
            var text = MutateXml(ValidOsm, random);
            var bytes = random.Next(10) == 0 ? FlipBytes(Encoding.UTF8.GetBytes(text), random) : Encoding.UTF8.GetBytes(text);
            Check(failures, "OSM", i, text, () =>
            {
                using var stream = new MemoryStream(bytes);
                var osm = OsmXmlReader.Read(stream);
                RoadWayReader.FromOsm(osm);
                OsmImporter.Import(osm, boundary, Path.Combine(_folder, $"osm-{i}"));
            });
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(_read > 0 && _refused > 0, $"read {_read}, refused {_refused}: the cases should reach both");
    }

    [Fact]
    public void Csv_BrokenInManyWays_ReadOrRefusedWithAGeoDataException()
    {
        var failures = new List<string>();
        var random = new Random(Seed + 3);
        for (var i = 0; i < CasesPerReader; i++)
        {
            var text = MutateText(ValidCsv, random, [.. OddValues.Select(v => v.Trim('"')).Concat(OddText).Concat([",", "\"", "\n", ",,,,"]).Where(p => p.Length > 0)]);
            Check(failures, "CSV", i, text, () =>
            {
                SitePoints.ReadCsv(text.Split('\n'));
                var file = Path.Combine(_folder, $"case-{i}.csv");
                File.WriteAllBytes(file, Encoding.UTF8.GetBytes(text));
                SitePoints.ReadFile(file);
            });
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(_read > 0 && _refused > 0, $"read {_read}, refused {_refused}: the cases should reach both");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Runs one case with a time limit: GeoDataException is an answer, anything else (or running over) a failure. Counts
    /// what was read and what was refused, so a test can show its cases reach both sides.
    /// </summary>
    private void Check(List<string> failures, string reader, int index, string input, Action read)
    {
        var task = Task.Run(() =>
        {
            try
            {
                read();
                Interlocked.Increment(ref _read);
                return null;
            }
            catch (GeoDataException)
            {
                Interlocked.Increment(ref _refused);
                return (string?)null;
            }
            catch (Exception e)
            {
                return $"{e.GetType().Name}: {e.Message}";
            }
        });
        string? problem;
        try
        {
            problem = task.Wait(PerCase) ? task.Result : $"took more than {PerCase.TotalSeconds} s";
        }
        catch (AggregateException e)
        {
            problem = e.InnerException?.Message;
        }

        if (problem is not null)
        {
            var shown = input.Length > 300 ? input[..300] + "…" : input;
            failures.Add($"{reader} case {index} (seed {Seed}): {problem}{Environment.NewLine}  input: {shown.ReplaceLineEndings(" ")}");
        }
    }

    private static string MutateJson(string valid, Random random) => random.Next(8) switch
    {
        0 => valid[..random.Next(valid.Length)],
        1 => Deep(random),
        2 => ReplaceNumber(valid, random, OddValues[random.Next(OddValues.Length)]),
        3 => ReplaceString(valid, random, OddValues[random.Next(OddValues.Length)]),
        4 => InsertAt(valid, random, OddText[random.Next(OddText.Length)]),
        5 => ReplaceString(valid, random, "\"" + OddText[random.Next(OddText.Length)].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""),
        6 => MutateText(valid, random, ["{", "}", "[", "]", ",", ":", "\"", "null", "0", "-", "e"]),
        _ => ReplaceNumber(ReplaceString(valid, random, OddValues[random.Next(OddValues.Length)]), random, OddValues[random.Next(OddValues.Length)]),
    };

    private static string MutateXml(string valid, Random random) => random.Next(7) switch
    {
        0 => valid[..random.Next(valid.Length)],
        1 => "<osm>" + string.Concat(Enumerable.Repeat("<node id=\"1\">", 5000)) + "</osm>",
        2 => ReplaceQuoted(valid, random, OddValues[random.Next(OddValues.Length)].Trim('"')),
        3 => ReplaceQuoted(valid, random, OddText[random.Next(OddText.Length)]),
        4 => InsertAt(valid, random, OddText[random.Next(OddText.Length)]),
        5 => "<!DOCTYPE osm [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + valid[valid.IndexOf("<osm", StringComparison.Ordinal)..],
        _ => MutateText(valid, random, ["<", ">", "/", "\"", "=", "&", "id", "ref", "-1", "99999999999999999999"]),
    };

    private static string Deep(Random random)
    {
        var depth = random.Next(60, 5000);
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + new string('[', depth) + "1,2" + new string(']', depth) + "}}]}";
    }

    private static string MutateText(string text, Random random, string[] pieces)
    {
        var builder = new StringBuilder(text);
        for (var edits = random.Next(1, 8); edits > 0 && builder.Length > 0; edits--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Remove(at, Math.Min(random.Next(1, 6), builder.Length - at));
                    break;
                case 1:
                    builder.Insert(at, pieces[random.Next(pieces.Length)]);
                    break;
                default:
                    builder[at] = pieces[random.Next(pieces.Length)][0];
                    break;
            }
        }

        return builder.ToString();
    }

    private static byte[] FlipBytes(byte[] bytes, Random random)
    {
        for (var flips = random.Next(1, 6); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
        }

        return bytes;
    }

    private static string InsertAt(string text, Random random, string piece)
    {
        var at = random.Next(text.Length);
        return text[..at] + piece + text[at..];
    }

    /// <summary>Replaces one JSON number (a run of digits, '.', '-', 'e') with <paramref name="value"/>.</summary>
    private static string ReplaceNumber(string text, Random random, string value)
    {
        var starts = Enumerable.Range(0, text.Length)
            .Where(i => (char.IsAsciiDigit(text[i]) || text[i] == '-') && (i == 0 || !(char.IsAsciiDigit(text[i - 1]) || text[i - 1] is '.' or '-' or 'e')))
            .ToList();
        if (starts.Count == 0)
        {
            return text;
        }

        var start = starts[random.Next(starts.Count)];
        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '-' or 'e' or '+'))
        {
            end++;
        }

        return text[..start] + value + text[end..];
    }

    /// <summary>Replaces one JSON string ("...") with <paramref name="value"/> (any JSON text).</summary>
    private static string ReplaceString(string text, Random random, string value)
    {
        var quotes = Enumerable.Range(0, text.Length).Where(i => text[i] == '"').ToList();
        if (quotes.Count < 2)
        {
            return text;
        }

        var pair = random.Next(quotes.Count / 2) * 2;
        return text[..quotes[pair]] + value + text[(quotes[pair + 1] + 1)..];
    }

    /// <summary>Replaces one XML attribute value ("...") with <paramref name="value"/>, escaped as XML text.</summary>
    private static string ReplaceQuoted(string text, Random random, string value) =>
        ReplaceString(text, random, "\"" + System.Security.SecurityElement.Escape(value) + "\"");
}
