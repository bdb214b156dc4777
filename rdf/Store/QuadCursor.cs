using System.Runtime.CompilerServices;
namespace DihNode.Rdf.Store;

/// <summary>
/// The quads matching a <see cref="QuadPattern"/>: a struct enumerator over at most two index ranges
/// (the default graph's and the named graphs'). Use it with <c>foreach</c> or
/// <see cref="MoveNext"/>/<see cref="Current"/>; it allocates nothing.
/// </summary>
public struct QuadCursor
{
    private KeyRange<Key3> _default;
    private KeyRange<Key4> _named;
    private readonly IndexOrder _defaultOrder, _namedOrder;
    private readonly bool _hasDefault, _hasNamed;
    private bool _inNamed;

    internal QuadCursor(KeyRange<Key3>? defaultRange, IndexOrder defaultOrder, KeyRange<Key4>? namedRange, IndexOrder namedOrder)
    {
        _hasDefault = defaultRange.HasValue;
        _default = defaultRange.GetValueOrDefault();
        _defaultOrder = defaultOrder;
        _hasNamed = namedRange.HasValue;
        _named = namedRange.GetValueOrDefault();
        _namedOrder = namedOrder;
        _inNamed = !_hasDefault;
        Current = default;
    }

    /// <summary>The current quad (valid after <see cref="MoveNext"/> returned true).</summary>
    public EncodedQuad Current { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        if (!_inNamed)
        {
            if (_default.MoveNext())
            {
                Current = _defaultOrder.ToQuad(in _default.Current);
                return true;
            }
            _inNamed = true;
        }
        if (_hasNamed && _named.MoveNext())
        {
            Current = _namedOrder.ToQuad(in _named.Current);
            return true;
        }
        return false;
    }

    public readonly QuadCursor GetEnumerator() => this;

    /// <summary>Copies the remaining matches into a list (for tests and small results).</summary>
    public List<EncodedQuad> ToList()
    {
        var list = new List<EncodedQuad>();
        while (MoveNext()) list.Add(Current);
        return list;
    }
}
