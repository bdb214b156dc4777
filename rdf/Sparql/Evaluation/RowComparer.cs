namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>Compares solution rows (or join keys) of term ids element by element.</summary>
internal sealed class RowComparer : IEqualityComparer<int[]>
{
    public static readonly RowComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] row)
    {
        uint h = 2166136261;
        foreach (int v in row) h = (h ^ (uint)v) * 16777619;
        return (int)h;
    }
}
