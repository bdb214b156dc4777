using DihNode.Rdf.Io;

namespace DihNode.Node.Cli;

/// <summary>
/// Reading an RDF file (or standard input, "-") for a command: chooses the format, reports a
/// missing file as a usage error and a syntax error as <c>FILE:LINE:COLUMN: message</c>.
/// </summary>
internal static class RdfInput
{
    /// <summary>The format named by <paramref name="name"/>, else the file's extension; a usage error when neither says.</summary>
    public static RdfFormat ResolveFormat(string path, string? name, string option)
    {
        if (name is not null)
            return RdfFormats.FromName(name) ?? throw new CliUsageException($"unknown format '{name}' for --{option}");
        if (path == "-") throw new CliUsageException($"'-' needs --{option} to name the format");
        return RdfFormats.FromFileName(path)
            ?? throw new CliUsageException($"cannot tell the format of '{path}' from its extension; name it with --{option}");
    }

    /// <summary>Opens the input; a missing file is a usage error.</summary>
    public static Stream Open(string path)
    {
        if (path == "-") return Console.OpenStandardInput();
        if (!File.Exists(path)) throw new CliUsageException($"no such file '{path}'");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    /// <summary>
    /// Parses <paramref name="path"/> into <paramref name="sink"/>. Returns true when the whole input
    /// was read; false after printing the syntax error to standard error.
    /// </summary>
    public static bool TryParse(string path, RdfFormat format, string? baseIri, IQuadSink sink)
    {
        try
        {
            Parse(path, format, baseIri, sink);
            return true;
        }
        catch (RdfSyntaxException e)
        {
            ReportSyntaxError(path, e);
            return false;
        }
    }

    /// <summary>
    /// Parses <paramref name="path"/> into <paramref name="sink"/>, letting a syntax error propagate
    /// (so an atomic load that wraps it applies nothing); an unsupported format is a usage error.
    /// </summary>
    public static void Parse(string path, RdfFormat format, string? baseIri, IQuadSink sink)
    {
        using var input = Open(path);
        var options = new RdfParserOptions { BaseIri = baseIri ?? DefaultBase(path), SourceName = SourceName(path) };
        try
        {
            RdfParser.Parse(input, format, sink, options);
        }
        catch (NotSupportedException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    /// <summary>Prints <c>FILE:LINE:COLUMN: message</c> to standard error.</summary>
    public static void ReportSyntaxError(string path, RdfSyntaxException e) =>
        Console.Error.WriteLine($"{SourceName(path)}:{e.Line}:{e.Column}: {e.Problem}");

    /// <summary>The file's own URL (<c>file:///...</c>): its base, and its name when it is loaded as a named graph.</summary>
    public static string FileIri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    private static string SourceName(string path) => path == "-" ? "<stdin>" : path;

    /// <summary>The file's own URL as its base, so relative IRIs in it resolve the way other tools resolve them.</summary>
    private static string? DefaultBase(string path) => path == "-" ? null : FileIri(path);
}

/// <summary>Counts statements on their way to another sink (or nowhere).</summary>
internal sealed class CountingSink(IQuadSink? next = null) : IQuadSink
{
    public long Count { get; private set; }

    public void Add(in DihNode.Rdf.Model.Quad quad)
    {
        Count++;
        next?.Add(quad);
    }

    public void OnPrefix(string prefix, string namespaceIri) => next?.OnPrefix(prefix, namespaceIri);

    public void OnBase(string baseIri) => next?.OnBase(baseIri);
}
