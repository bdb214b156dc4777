using System.Runtime.CompilerServices;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The quads of one pattern in the active graph: a store cursor (also the merge of several graphs,
/// each triple once), or a slice of an array (one key's quads in a <see cref="PatternIndex"/>).
/// </summary>
internal struct ScanCursor
{
    private QuadCursor _cursor;
    private readonly EncodedQuad[]? _array;
    private readonly int _end;
    private int _index;

    // A merge-join filter (see WithMembers): only quads whose id at _position is in _members, each
    // repeated as often as the id occurs there.
    private readonly SortedRun? _members;
    private readonly int _position;
    private int _repeat;

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

    private ScanCursor(ScanCursor inner, SortedRun members, int position)
    {
        this = inner;
        _members = members;
        _position = position;
        _repeat = 0;
    }

    public static ScanCursor Empty => new([], 0, 0);

    /// <summary>
    /// This range joined with a one-variable pattern's sorted ids on the variable at
    /// <paramref name="position"/> (0 = S, 1 = P, 2 = O): a merge join over sorted id runs.
    /// </summary>
    public readonly ScanCursor WithMembers(SortedRun members, int position) => new(this, members, position);

    public EncodedQuad Current { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        if (_members is null) return MoveNextRaw();
        if (_repeat > 0)
        {
            _repeat--;
            return true;
        }
        while (MoveNextRaw())
        {
            int count = _members.Count(SortedRun.At(Current, _position));
            if (count == 0) continue;
            _repeat = count - 1;
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MoveNextRaw()
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
