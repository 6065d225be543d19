using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Outreach.Geo;
using Outreach.Geo.Fallback;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;
using Outreach.Geo.Weather;

namespace Outreach.Cli.Commands;

/// <summary>`outreach matrix`: travel times between the sites of a file, with statistics.</summary>
internal static class MatrixCommand
{
    public static Command Create()
    {
        var map = new Option<string>("--map") { Description = "Map folder (maps/<area>) with roads.geojson; without roads the estimate is used", Required = true };
        var points = new Option<string>("--points") { Description = "Sites: GeoJSON, or CSV with lon,lat[,name] columns", Required = true };
        var profile = new Option<TravelProfile>("--profile") { Description = "van, motorbike or walking", DefaultValueFactory = _ => TravelProfile.Van };
        var terrain = new Option<TerrainClass>("--terrain") { Description = "Terrain for the estimate where there are no roads: urban, rural, hilly", DefaultValueFactory = _ => TerrainClass.Rural };
        var radius = new Option<double>("--max-snap-metres") { Description = "Farthest a site may be from a usable road", DefaultValueFactory = _ => SnapOptions.Default.MaxRadiusMetres };
        var weather = new Option<string?>("--weather") { Description = "GeoJSON of rain areas, named floods and closures (see WeatherGeoJson)" };
        var command = new Command("matrix", "Compute travel durations (s) and distances (m) between sites and print statistics.");
        command.Options.Add(map);
        command.Options.Add(points);
        command.Options.Add(profile);
        command.Options.Add(terrain);
        command.Options.Add(radius);
        command.Options.Add(weather);
        command.SetAction(parse =>
        {
            if (CliInput.Folder("--map", parse.GetValue(map)) is not { } mapFolder
                || CliInput.File("--points", parse.GetValue(points)) is not { } pointsFile
                || (parse.GetValue(weather) is { } w && CliInput.File("--weather", w) is null))
            {
                return CliInput.ExitInput;
            }

            // A file that is there but not usable map data is reported by OutreachCommandLine (GeoDataException).
            var state = parse.GetValue(weather) is { } weatherFile ? WeatherGeoJson.Read(GeoJsonReader.ReadFile(MapFolders.Resolve(weatherFile))) : WeatherState.None;
            Run(mapFolder, pointsFile, parse.GetValue(profile), parse.GetValue(terrain), parse.GetValue(radius), state);
            return 0;
        });
        return command;
    }

    private static void Run(string mapFolder, string pointsFile, TravelProfile profile, TerrainClass terrain, double maxSnapMetres, WeatherState weather)
    {
        var inv = CultureInfo.InvariantCulture;
        var sites = SitePoints.ReadFile(pointsFile);
        var positions = sites.Select(s => s.Position).ToList();
        var watch = Stopwatch.StartNew();
        var network = RoadNetwork.Load(mapFolder);
        TravelMatrix matrix;
        if (network is null)
        {
            Console.WriteLine($"{mapFolder}: no roads.geojson; using the straight-line estimate ({terrain}).");
            matrix = EstimatedTravel.Compute(positions, terrain, profile);
        }
        else
        {
            var graph = network.Graph(profile);
            Console.WriteLine(string.Create(inv, $"map {mapFolder} (version {network.Version}): {network.Ways.Count} ways, {network.Errors.Count} rejected; {profile}: {graph.NodeCount} nodes, {graph.ArcCount} arcs, {graph.TotalMetres / 1000:0.0} km"));
            Console.WriteLine($"  {graph.Components.Summary()}");
            foreach (var error in network.Errors.Take(5))
            {
                Console.WriteLine($"  rejected {error}");
            }

            Console.WriteLine(string.Create(inv, $"  loaded in {watch.ElapsedMilliseconds} ms"));
            var snapOptions = SnapOptions.For(profile) with { MaxRadiusMetres = maxSnapMetres };
            var snapped = Snapper.SnapAll(graph, positions, snapOptions);
            int off = snapped.Count(s => s.IsSnapped && s.IsOffNetwork);
            int unsnapped = snapped.Count(s => !s.IsSnapped);
            Console.WriteLine($"sites: {sites.Count}; off the network: {off}; no road within {maxSnapMetres} m: {unsnapped}");
            for (int i = 0; i < snapped.Length; i++)
            {
                if (snapped[i].Note() is { } note)
                {
                    Console.WriteLine($"  #{i} {sites[i].Name ?? "(unnamed)"}: {note}");
                }
            }

            watch.Restart();
            var costs = new TravelCosts(graph, weather: weather);
            foreach (var barrier in costs.Barriers)
            {
                Console.WriteLine($"  {(barrier.IsFlood ? "flood" : barrier.Kind.ToString().ToLowerInvariant())} \"{barrier.Name}\" closes {barrier.ClosedSegments} segments");
            }

            matrix = RoadMatrix.Compute(costs, snapped);
            Console.WriteLine(string.Create(inv, $"matrix {matrix.Size}x{matrix.Size} in {watch.ElapsedMilliseconds} ms"));
        }

        var durations = new List<int>();
        var distances = new List<int>();
        for (int i = 0; i < matrix.Size; i++)
        {
            for (int j = 0; j < matrix.Size; j++)
            {
                if (i != j && matrix.Duration(i, j) != TravelMatrix.Unreachable)
                {
                    durations.Add(matrix.Duration(i, j));
                    distances.Add(matrix.Distance(i, j));
                }
            }
        }

        durations.Sort();
        distances.Sort();
        if (matrix.IsEstimated)
        {
            Console.WriteLine($"ESTIMATED: {matrix.Source}");
        }

        if (durations.Count > 0)
        {
            Console.WriteLine(string.Create(inv, $"durations s: min {durations[0]}, median {durations[durations.Count / 2]}, max {durations[^1]}"));
            Console.WriteLine(string.Create(inv, $"distances m: min {distances[0]}, median {distances[distances.Count / 2]}, max {distances[^1]}"));
        }

        Console.WriteLine($"unreachable pairs: {matrix.UnreachableCount}");
        foreach (var reason in matrix.Reasons)
        {
            Console.WriteLine($"  {reason.Describe()}");
        }
    }
}
