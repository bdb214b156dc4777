using DihNode.Rdf.Io;
using DihNode.Rdf.Store;

namespace DihNode.Bench;

/// <summary>Parses a file straight into the in-memory dataset with one atomic bulk load.</summary>
internal static class DatasetLoad
{
    public static long Load(string path)
    {
        var dataset = new MemoryDataset();
        using var input = File.OpenRead(path);
        dataset.Load(sink => RdfParser.Parse(input, ParseChild.Format(path), sink, new RdfParserOptions { SourceName = path }));
        return dataset.QuadCount;
    }
}
