using PdfSharp.Fonts;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// PDFsharp's fonts for route sheets: DejaVu Sans (regular and bold) from the operating system's font folder, which
/// covers every Vietnamese letter and tone mark (ă â đ ê ô ơ ư, ễ ự ẫ ...). The fonts come from the Debian package
/// fonts-dejavu-core (installed in the container image and on CI); they are not committed here. A missing file fails
/// with a message naming it and the package. Any family asked for resolves to DejaVu Sans.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    /// <summary>Where Debian puts the fonts.</summary>
    public const string DefaultFolder = "/usr/share/fonts/truetype/dejavu";

    public const string FamilyName = "DejaVu Sans";
    public const string RegularFile = "DejaVuSans.ttf";
    public const string BoldFile = "DejaVuSans-Bold.ttf";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lock RegistrationLock = new();
    private static DejaVuFontResolver? registered;

    private readonly Dictionary<string, Lazy<byte[]>> _faces;

    public DejaVuFontResolver(string folder = DefaultFolder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Folder = folder;
        _faces = new Dictionary<string, Lazy<byte[]>>(StringComparer.Ordinal)
        {
            [RegularFace] = new(() => Read(RegularFile)),
            [BoldFace] = new(() => Read(BoldFile)),
        };
    }

    public string Folder { get; }

    /// <summary>
    /// Installs a resolver as PDFsharp's global one, once per process (PDFsharp allows one for the application's
    /// lifetime); later calls return the installed one, whatever folder they ask for.
    /// </summary>
    public static DejaVuFontResolver EnsureRegistered(string folder = DefaultFolder)
    {
        lock (RegistrationLock)
        {
            if (registered is null)
            {
                registered = new DejaVuFontResolver(folder);
                GlobalFontSettings.FontResolver = registered;
            }

            return registered;
        }
    }

    /// <summary>Throws <see cref="FileNotFoundException"/> naming the first missing font file (checked before drawing starts).</summary>
    public void EnsureFontsPresent()
    {
        foreach (var file in new[] { RegularFile, BoldFile })
        {
            if (!File.Exists(Path.Combine(Folder, file)))
            {
                throw Missing(file);
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Italic is simulated by PDFsharp; DejaVu Sans is the only family route sheets use.
        new(bold ? BoldFace : RegularFace, false, italic);

    public byte[]? GetFont(string faceName) =>
        _faces.TryGetValue(faceName, out var face) ? face.Value : null;

    private byte[] Read(string file)
    {
        var path = Path.Combine(Folder, file);
        if (!File.Exists(path))
        {
            throw Missing(file);
        }

        return File.ReadAllBytes(path);
    }

    private FileNotFoundException Missing(string file) => new(
        $"Thiếu phông chữ {file} trong {Folder}: cài gói fonts-dejavu-core. / The font file {file} is missing from {Folder}: install the Debian package fonts-dejavu-core.",
        Path.Combine(Folder, file));
}
