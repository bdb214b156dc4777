using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Io;

/// <summary>Small builders and a write-to-string helper shared by the writer tests.</summary>
internal static class WriteTestHelper
{
    public const string Ex = "http://example.org/";

    public static Iri I(string local) => Iri.FromTrusted(local.Contains(':') ? local : Ex + local);

    public static BlankNode B(string label) => new(label);

    public static Quad T(NamedOrBlankNode s, string p, Term o, NamedOrBlankNode? g = null) => new(s, I(p), o, g);

    public static Quad T(string s, string p, string o) => new(I(s), I(p), I(o), null);

    public static string Write(RdfFormat format, IEnumerable<Quad> quads, RdfWriterOptions? options = null)
    {
        using var ms = new MemoryStream();
        RdfWriter.Write(ms, format, quads, options);
        byte[] bytes = ms.ToArray();
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no BOM");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The shared material: DIHNODE_SHARED, else ../shared next to the repository root (the folder with DihNode.sln).</summary>
    public static string SharedRoot()
    {
        string? env = Environment.GetEnvironmentVariable("DIHNODE_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DihNode.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("DihNode.sln not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
    }

    public static readonly RdfWriterOptions ExPrefix = new()
    {
        Prefixes = new Dictionary<string, string> { ["ex"] = Ex },
    };
}
