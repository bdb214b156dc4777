using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// How much more a seek costs than taking one entry of a range scan into a <see cref="PatternIndex"/>
    /// (~0.3 µs against a few ns to scan plus two hash updates, ~40 ns): a pattern is indexed when the
    /// seeks still expected would cost more than building the index of its range.
    /// </summary>
    private const long SeeksPerIndexedEntry = 6;

    /// <summary>The largest range indexed (quads held at once, 16 bytes each).</summary>
    private const long MaxIndexedRange = 1 << 23;

    /// <summary>
    /// Per level of one BGP's nested loop: seeks made so far, when to weigh indexing next, and the
    /// index once built; and how far the first level's scan has got, to project the seeks still to come.
    /// </summary>
    private sealed class IndexedLevels(int levels, int firstCheck)
    {
        public readonly long[] Seeks = new long[levels];
        public readonly long[] NextCheck = Enumerable.Repeat((long)Math.Max(1, firstCheck), levels).ToArray();
        public readonly PatternIndex?[] Indexes = new PatternIndex?[levels];
        public readonly long[] SeeksThisOuterRow = new long[levels];
        public long OuterRows;
        public long OuterCount = -1;
        public long SecondRows;

        /// <summary>The first level moved on: the second level's progress starts over.</summary>
        public void NextOuterRow()
        {
            OuterRows++;
            SecondRows = 0;
            Array.Clear(SeeksThisOuterRow);
        }
    }

    /// <summary>
    /// Opens a pattern below the first level of a BGP (§18.4): by an index seek with the outer row's
    /// ids bound, until the seeks made exceed what scanning the pattern's range once would cost; from
    /// then on by probing a <see cref="PatternIndex"/> of that range (a hash join, built on this side
    /// and probed by the outer rows). Both give the same quads for a row.
    /// </summary>
    private ScanCursor OpenIndexed(PatternPlan[] order, int[] row, int graph, int level, IndexedLevels state)
    {
        PatternPlan plan = order[level];
        PatternIndex? index = state.Indexes[level];
        if (index is null)
        {
            long seeks = ++state.Seeks[level];
            long seeksHere = ++state.SeeksThisOuterRow[level];
            if (seeks < state.NextCheck[level]) return Open(plan, row, graph);
            PatternPlan outer = order[0];
            if (state.OuterCount < 0) state.OuterCount = Math.Max(outer.Count, _context.Count(outer.Ids[0], outer.Ids[1], outer.Ids[2], graph));
            // The first level's scan is OuterRows into OuterCount quads: seeks here are expected to continue
            // at the same rate. On the first level's last row (one outer row fanning out), the second
            // level's scan under it measures progress instead; failing both, as many seeks as made so far
            // are expected: building then costs at most about what the seeks already did.
            long expected = seeks;
            if (state.OuterRows < state.OuterCount)
                expected = seeks * (state.OuterCount - state.OuterRows) / Math.Max(1, state.OuterRows);
            else if (level >= 2 && state.SecondRows > 0)
            {
                long second = CountOpen(order[1], row, graph);
                if (state.SecondRows < second) expected = Math.Max(seeks, seeksHere * (second - state.SecondRows) / state.SecondRows);
            }
            index = TryIndex(plan, graph, expected);
            if (index is null)
            {
                state.NextCheck[level] = seeks * 2;
                return Open(plan, row, graph);
            }
            state.Indexes[level] = index;
        }
        int s = plan.Fills[0] == Fill.Read ? row[plan.Slots[0]] : 0;
        int p = plan.Fills[1] == Fill.Read ? row[plan.Slots[1]] : 0;
        int o = plan.Fills[2] == Fill.Read ? row[plan.Slots[2]] : 0;
        return index.Probe(s, p, o);
    }

    /// <summary>The number of quads <see cref="Open"/> gives for the pattern with the row's ids.</summary>
    private long CountOpen(PatternPlan plan, int[] row, int graph)
    {
        int s = plan.Fills[0] == Fill.Read ? row[plan.Slots[0]] : plan.Ids[0];
        int p = plan.Fills[1] == Fill.Read ? row[plan.Slots[1]] : plan.Ids[1];
        int o = plan.Fills[2] == Fill.Read ? row[plan.Slots[2]] : plan.Ids[2];
        return _context.Count(s, p, o, graph);
    }

    /// <summary>An index of the pattern's range (its constants only), when that range is small enough for <paramref name="seeks"/> still to come.</summary>
    private PatternIndex? TryIndex(PatternPlan plan, int graph, long seeks)
    {
        bool s = plan.Fills[0] == Fill.Read, p = plan.Fills[1] == Fill.Read, o = plan.Fills[2] == Fill.Read;
        if (!PatternIndex.CanKey(s, p, o)) return null;
        long range = _context.Count(plan.Ids[0], plan.Ids[1], plan.Ids[2], graph);
        if (range > MaxIndexedRange || range > seeks * SeeksPerIndexedEntry) return null;
        return PatternIndex.Build(
            _context.Scan(plan.Ids[0], plan.Ids[1], plan.Ids[2], graph), (int)range, s, p, o);
    }
}
