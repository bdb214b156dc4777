using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Node.Cli;

/// <summary>
/// Writing statements to an output file (or standard output, "-"): through a temporary file next to
/// the output that replaces it only when everything was written, so a failure never leaves half a file.
/// </summary>
internal static class RdfOutput
{
    /// <summary>Writes <paramref name="quads"/> (with <paramref name="options"/>' prefixes, where the syntax has them); false after printing why the writer refused one.</summary>
    public static bool TryWrite(string output, RdfFormat format, IEnumerable<Quad> quads, string command, RdfWriterOptions? options = null)
    {
        if (output == "-")
        {
            var buffer = new MemoryStream();
            if (!TryWriteTo(buffer, format, quads, command, options)) return false;
            buffer.Position = 0;
            using var reader = new StreamReader(buffer, new System.Text.UTF8Encoding(false));
            Console.Out.Write(reader.ReadToEnd());
            Console.Out.Flush();
            return true;
        }
        string dir = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(dir)) throw new CliUsageException($"no such directory '{dir}' for '{output}'");
        string temp = Path.Combine(dir, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        bool done = false;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                if (!TryWriteTo(stream, format, quads, command, options)) return false;
            File.Move(temp, output, overwrite: true);
            done = true;
            return true;
        }
        finally
        {
            if (!done) File.Delete(temp);
        }
    }

    private static bool TryWriteTo(Stream stream, RdfFormat format, IEnumerable<Quad> quads, string command, RdfWriterOptions? options)
    {
        using var writer = RdfWriter.Create(stream, format, options);
        try
        {
            foreach (var q in quads) writer.Add(in q);
            writer.Finish();
            return true;
        }
        catch (InvalidOperationException e)
        {
            // A named graph into a triple-only format, a predicate RDF/XML cannot name, ...
            Console.Error.WriteLine($"dihnode {command}: {e.Message}");
            return false;
        }
    }
}
