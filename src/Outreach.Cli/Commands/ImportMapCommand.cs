using System.CommandLine;
using Outreach.Geo;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Osm;

namespace Outreach.Cli.Commands;

/// <summary>`outreach import-map`: OSM XML cut to an area's boundary into roads.geojson and pois.geojson.</summary>
internal static class ImportMapCommand
{
    public static Command Create()
    {
        var osm = new Option<string>("--osm") { Description = "OSM XML file (for .pbf see maps/README.md: osmium)", Required = true };
        var boundary = new Option<string>("--boundary") { Description = "GeoJSON with the area's Polygon/MultiPolygon", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write roads.geojson and pois.geojson to (maps/<area>/)", Required = true };
        var command = new Command("import-map", "Import OpenStreetMap roads and sites for an area from OSM XML.");
        command.Options.Add(osm);
        command.Options.Add(boundary);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            if (CliInput.File("--osm", parse.GetValue(osm)) is not { } osmFile
                || CliInput.File("--boundary", parse.GetValue(boundary)) is not { } boundaryFile
                || !CliInput.OutputFolder("--out", parse.GetValue(output)))
            {
                return CliInput.ExitInput;
            }

            // Data that is there but cannot be used is reported by OutreachCommandLine.
            var data = OsmXmlReader.ReadFile(osmFile);
            var area = OsmImporter.ReadBoundary(boundaryFile);
            string outFolder = parse.GetValue(output)!;
            var result = OsmImporter.Import(data, area, outFolder);
            Console.WriteLine($"read {data.Nodes.Count} nodes, {data.Ways.Count} ways, {data.RelationCount} relations");
            Console.WriteLine($"wrote {Path.Combine(outFolder, "roads.geojson")}: {result.Roads} roads ({result.WaysOutside} outside the boundary left out)");
            Console.WriteLine($"wrote {Path.Combine(outFolder, "pois.geojson")}: {result.Pois} sites");
            Console.WriteLine($"problems: {result.Errors.Count}");
            foreach (var error in result.Errors.Take(20))
            {
                Console.WriteLine($"  {error}");
            }

            Console.WriteLine("Add a SOURCES.md (extract date, source, licence: © OpenStreetMap contributors, ODbL 1.0) before committing.");
            return 0;
        });
        return command;
    }
}
