namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// For each set of bound positions (mask: 1 = S, 2 = P, 4 = O), the free position the store's
    /// index lists last (SPO, POS or OSP, <c>Store/IndexOrder</c>): within one value of the other free
    /// positions, a range scan gives this position's ids in ascending order.
    /// </summary>
    private static readonly int[] s_lastFree = [2, 2, 0, 2, 1, 1, 0, -1];

    /// <summary>
    /// A merge join over sorted id runs for the first two levels of a BGP (Query §18.4), where the
    /// first pattern has one variable ?x (its range is ?x's ids, sorted) and the second reads ?x at
    /// the position its index lists last (its range is runs sorted by ?x, e.g. POS of
    /// <c>?x dct:spatial ?c</c>: one run per ?c). The join walks both ranges once instead of seeking
    /// the second pattern per ?x: the second pattern, with ?x now bound by it, is scanned and each
    /// quad kept as often as its ?x occurs in the first. Chosen when the second range is at most
    /// <see cref="SeeksPerIndexedEntry"/> times the first (else seeks read less).
    /// </summary>
    private bool TryMergeJoin(PatternPlan[] order, int graph, out SortedRun? members, out int position, out PatternPlan? merged)
    {
        members = null;
        position = -1;
        merged = null;
        PatternPlan first = order[0], second = order[1];
        int variable = -1, binds = 0;
        for (int k = 0; k < 3; k++)
        {
            if (first.Fills[k] == Fill.Bind) { binds++; variable = first.Slots[k]; }
            else if (first.Fills[k] != Fill.Constant) return false;
        }
        if (binds != 1) return false;
        int mask = 0;
        for (int k = 0; k < 3; k++)
        {
            if (second.Fills[k] == Fill.Constant) mask |= 1 << k;
            else if (second.Fills[k] == Fill.Read)
            {
                if (second.Slots[k] != variable || position >= 0) return false;
                position = k;
            }
        }
        if (position < 0 || s_lastFree[mask] != position) return false;
        long firstCount = _context.Count(first.Ids[0], first.Ids[1], first.Ids[2], graph);
        if (firstCount < Math.Max(1, _context.Options.MergeJoinMinRun)) return false;
        long secondCount = _context.Count(position == 0 ? 0 : second.Ids[0], position == 1 ? 0 : second.Ids[1], position == 2 ? 0 : second.Ids[2], graph);
        if (secondCount > firstCount * SeeksPerIndexedEntry) return false;
        members = SortedRun.Read(_context.Scan(first.Ids[0], first.Ids[1], first.Ids[2], graph), Array.IndexOf(first.Fills, Fill.Bind), (int)firstCount);
        merged = new PatternPlan { Count = secondCount };
        for (int k = 0; k < 3; k++)
        {
            merged.Ids[k] = k == position ? 0 : second.Ids[k];
            merged.Slots[k] = second.Slots[k];
            merged.Fills[k] = k == position ? Fill.Bind : second.Fills[k];
        }
        return true;
    }
}
