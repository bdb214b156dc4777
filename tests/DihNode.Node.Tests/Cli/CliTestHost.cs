using DihNode.Node.Cli;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Node.Tests.Cli;

/// <summary>Tests that swap Console.Out/Error run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

/// <summary>Runs the command line with captured standard output and error, in a scratch directory.</summary>
public sealed class CliTestHost : IDisposable
{
    public CliTestHost()
    {
        Directory = Path.Combine(Path.GetTempPath(), "dihnode-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Out { get; private set; } = "";

    public string Error { get; private set; } = "";

    /// <summary>Writes a file in the scratch directory and returns its path.</summary>
    public string File(string name, string content)
    {
        string path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public int Run(params string[] args)
    {
        var oldOut = Console.Out;
        var oldError = Console.Error;
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            return CommandLine.Run(args);
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Out = o.ToString();
            Error = e.ToString();
        }
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>The statements of an RDF file, parsed by the library (format from the extension, relative IRIs against a fixed base).</summary>
    public static List<Quad> ReadQuads(string path)
    {
        var sink = new QuadList();
        using var input = System.IO.File.OpenRead(path);
        RdfParser.Parse(input, RdfFormats.FromFileName(path)!.Value, sink, new RdfParserOptions { BaseIri = "http://example.org/base/", SourceName = path });
        return sink.Quads;
    }

    private sealed class QuadList : IQuadSink
    {
        public readonly List<Quad> Quads = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }

    /// <summary>The shared material (DIHNODE_SHARED, else ../shared next to the repository root).</summary>
    public static string SharedRoot() => SharedData.RequireRoot();
}
