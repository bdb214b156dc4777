using System.Runtime.CompilerServices;
namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The ids one pattern binds to its only variable, in ascending order: one side of a merge join
/// over sorted id runs (see <see cref="Evaluator"/>'s BGP loop). The other side's quads come in runs
/// sorted by the join variable (the index lists them so); each is matched by a galloping search that
/// moves forward from the previous match and starts over when a new run begins, or, when the ids are
/// distinct and dense, by one read of a bitmap of them.
/// </summary>
/// <remarks>
/// Ids may repeat when the range repeats them (the evaluator's ranges give each triple once, merged
/// default graphs included): a probe returns how many times the id occurs, and the join yields the
/// other side's quad that many times (bag semantics, Query §18.4).
/// </remarks>
internal sealed class SortedRun
{
    private readonly int[] _ids;
    private int _position;
    private int _last = int.MinValue;

    // For distinct ids lying close together, a bitmap over [_min, _min + span) answers a probe in
    // one read, whatever the order of the probes.
    private readonly ulong[]? _bits;
    private readonly int _min;
    private readonly uint _span;

    /// <summary>How many bits per id a bitmap may spend (its span over the number of ids).</summary>
    private const long BitsPerId = 64;

    private SortedRun(int[] ids)
    {
        _ids = ids;
        if (ids.Length == 0) return;
        long span = (long)ids[^1] - ids[0] + 1;
        if (span > BitsPerId * ids.Length + 4096) return;
        for (int i = 1; i < ids.Length; i++)
            if (ids[i] == ids[i - 1]) return;
        _min = ids[0];
        _span = (uint)span;
        _bits = new ulong[(span + 63) >> 6];
        foreach (int id in ids)
        {
            uint bit = (uint)(id - _min);
            _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    /// <summary>The ids at <paramref name="position"/> (0 = S, 1 = P, 2 = O) of every quad of the range.</summary>
    public static SortedRun Read(ScanCursor range, int position, int sizeHint)
    {
        var ids = new List<int>(sizeHint);
        bool sorted = true;
        int previous = int.MinValue;
        while (range.MoveNext())
        {
            int id = At(range.Current, position);
            sorted &= id >= previous;
            previous = id;
            ids.Add(id);
        }
        int[] array = [.. ids];
        // Index ranges of a one-variable pattern come sorted (merged graphs too); other ranges may not.
        if (!sorted) Array.Sort(array);
        return new SortedRun(array);
    }

    public int Length => _ids.Length;

    public static int At(in Store.EncodedQuad q, int position) => position == 0 ? q.S : position == 1 ? q.P : q.O;

    /// <summary>How many times <paramref name="id"/> occurs; probes are cheapest in ascending order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Count(int id)
    {
        if (_bits is not null)
        {
            uint bit = (uint)(id - _min);
            return bit < _span && (_bits[bit >> 6] & (1UL << (int)(bit & 63))) != 0 ? 1 : 0;
        }
        int[] ids = _ids;
        if (id < _last) _position = 0; // a new run of the other side
        _last = id;
        int lo = _position, n = ids.Length;
        if (lo >= n) return 0;
        if (ids[lo] < id)
        {
            // Gallop: double the step until passing id, then bisect the last step.
            int step = 1, hi = lo + 1;
            while (hi < n && ids[hi] < id)
            {
                lo = hi;
                step <<= 1;
                hi = lo + step;
            }
            if (hi > n) hi = n;
            lo++;
            while (lo < hi)
            {
                int mid = (int)((uint)(lo + hi) >> 1);
                if (ids[mid] < id) lo = mid + 1;
                else hi = mid;
            }
        }
        _position = lo;
        int count = 0;
        while (lo + count < n && ids[lo + count] == id) count++;
        return count;
    }
}
