using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The quads of one pattern in the active graph: a store cursor, or a list when the default graph is
/// the merge of several FROM graphs (deduplicated there).
/// </summary>
internal struct ScanCursor
{
    private QuadCursor _cursor;
    private readonly List<EncodedQuad>? _list;
    private int _index;

    public ScanCursor(QuadCursor cursor)
    {
        _cursor = cursor;
        _list = null;
        _index = 0;
        Current = default;
    }

    public ScanCursor(List<EncodedQuad> list)
    {
        _cursor = default;
        _list = list;
        _index = 0;
        Current = default;
    }

    public static ScanCursor Empty => new([]);

    public EncodedQuad Current { get; private set; }

    public bool MoveNext()
    {
        if (_list is null)
        {
            if (!_cursor.MoveNext()) return false;
            Current = _cursor.Current;
            return true;
        }
        if (_index >= _list.Count) return false;
        Current = _list[_index++];
        return true;
    }
}
