namespace DihNode.Bench;

/// <summary>Parses a file straight into the in-memory dataset (filled in once the store exists).</summary>
internal static class DatasetLoad
{
    public static long Load(string path) => throw new NotSupportedException("dataset load not built yet: " + path);
}
