using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The quads of one pattern in the active graph: a store cursor, or a slice of an array (the merge of
/// several FROM graphs, deduplicated there, or one key's quads in a <see cref="PatternIndex"/>).
/// </summary>
internal struct ScanCursor
{
    private QuadCursor _cursor;
    private readonly EncodedQuad[]? _array;
    private readonly int _end;
    private int _index;

    public ScanCursor(QuadCursor cursor)
    {
        _cursor = cursor;
        _array = null;
        _index = 0;
        _end = 0;
        Current = default;
    }

    public ScanCursor(EncodedQuad[] array, int start, int count)
    {
        _cursor = default;
        _array = array;
        _index = start;
        _end = start + count;
        Current = default;
    }

    public static ScanCursor Empty => new([], 0, 0);

    public EncodedQuad Current { get; private set; }

    public bool MoveNext()
    {
        if (_array is null)
        {
            if (!_cursor.MoveNext()) return false;
            Current = _cursor.Current;
            return true;
        }
        if (_index >= _end) return false;
        Current = _array[_index++];
        return true;
    }
}
