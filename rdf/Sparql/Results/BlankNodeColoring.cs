using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Colour refinement of the blank nodes of a set of rows, so that result comparison only tries to
/// pair blank nodes that play the same role. Each blank node starts with one colour; each round gives
/// it a new colour from its old one and the multiset of (row shape under current colours, column)
/// it occurs in. The colours are invariant under renaming, so two results that are equal up to a
/// blank-node bijection get the same colours, computed the same way on both sides, and the bijection
/// can only pair equal colours. Rows get a hash from their terms and their blank nodes' colours.
/// </summary>
internal sealed class BlankNodeColoring
{
    private const int MaxRounds = 24;

    private readonly Dictionary<BlankNode, ulong> _colors = [];

    public BlankNodeColoring(IReadOnlyList<Term?[]> rows)
    {
        foreach (Term?[] row in rows)
        {
            foreach (Term? t in row)
            {
                if (t is BlankNode b) _colors[b] = 1;
            }
        }
        int distinct = 1;
        var next = new Dictionary<BlankNode, ulong>(_colors.Count);
        for (int round = 0; round < MaxRounds && distinct < _colors.Count; round++)
        {
            next.Clear();
            foreach (Term?[] row in rows)
            {
                ulong shape = RowHash(row);
                for (int i = 0; i < row.Length; i++)
                {
                    if (row[i] is not BlankNode b) continue;
                    // Summing mixed values makes the contribution independent of row order.
                    next[b] = next.GetValueOrDefault(b) + Mix(shape ^ ((ulong)i * 0x9E3779B97F4A7C15UL));
                }
            }
            foreach ((BlankNode b, ulong sum) in next) _colors[b] = Mix(_colors[b] * 31 + sum);
            int now = _colors.Values.Distinct().Count();
            if (now == distinct && round > 0) break;
            distinct = now;
        }
    }

    /// <summary>A hash of the row's terms with each blank node replaced by its colour.</summary>
    public ulong RowHash(Term?[] row)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (Term? t in row)
        {
            ulong v = t switch
            {
                null => 0,
                BlankNode b => Mix(_colors[b] + 0x5555),
                _ => (ulong)(uint)t.GetHashCode(),
            };
            h = Mix(h ^ v) * 0x100000001B3UL;
        }
        return h;
    }

    /// <summary>SplitMix64 finaliser: spreads bits so sums and xors of hashes stay well distributed.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
