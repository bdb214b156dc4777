namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// How many ids a sorted run may read per seek it saves: a seek is two binary searches over the
    /// whole index (~0.3–0.5 µs, mostly cache misses), reading a run and setting its bitmap bit a few
    /// ns per id, sequentially.
    /// </summary>
    private const long RunEntriesPerSeek = 32;

    /// <summary>
    /// For each set of bound positions (mask: 1 = S, 2 = P, 4 = O), the free position the store's
    /// index lists last (SPO, POS or OSP, <c>Store/IndexOrder</c>): within one value of the other free
    /// positions, a range scan gives this position's ids in ascending order.
    /// </summary>
    private static readonly int[] s_lastFree = [2, 2, 0, 2, 1, 1, 0, -1];

    /// <summary>
    /// A merge join over sorted id runs for the first two levels of a BGP (Query §18.4): one of the
    /// two patterns has a single variable ?x (its range is ?x's ids, sorted: the run), the other
    /// binds or reads ?x at the position its index lists last (its range is runs sorted by ?x, e.g.
    /// POS of <c>?x dct:spatial ?c</c>: one run per ?c). Both ranges are read once instead of one
    /// seek per row: the other pattern, with ?x bound by it, is scanned and each quad kept as often
    /// as its ?x occurs in the run. Chosen when the range read in full is at most
    /// <see cref="RunEntriesPerSeek"/> times the rows that would each have cost a seek.
    /// </summary>
    private bool TryMergeJoin(PatternPlan[] order, int graph, out SortedRun? members, out int position, out PatternPlan? merged)
    {
        members = null;
        position = -1;
        merged = null;
        PatternPlan first = order[0], second = order[1];
        int runSide;
        if (OnlyVariable(first, Fill.Bind) is int x && ScanPosition(second, x, Fill.Read, readsBound: false) is int p) (runSide, position) = (0, p);
        else if (OnlyVariable(second, Fill.Read) is int y && ScanPosition(first, y, Fill.Bind, readsBound: false) is int q) (runSide, position) = (1, q);
        else return false;
        PatternPlan run = order[runSide], scan = order[1 - runSide];
        long runCount = _context.Count(run.Ids[0], run.Ids[1], run.Ids[2], graph);
        long scanCount = _context.Count(position == 0 ? 0 : scan.Ids[0], position == 1 ? 0 : scan.Ids[1], position == 2 ? 0 : scan.Ids[2], graph);
        // The nested loop seeks once per row of the first level; the merge reads the other range whole.
        (long seeks, long extra) = runSide == 0 ? (runCount, scanCount) : (scanCount, runCount);
        long minRun = Math.Max(1, _context.Options.MergeJoinMinRun);
        if (seeks < minRun || extra > seeks * RunEntriesPerSeek || runCount > MaxIndexedRange) return false;
        int runPosition = Array.FindIndex(run.Fills, f => f is Fill.Bind or Fill.Read);
        members = SortedRun.Read(_context.Scan(run.Ids[0], run.Ids[1], run.Ids[2], graph), runPosition, (int)runCount);
        merged = new PatternPlan { Count = scanCount };
        for (int k = 0; k < 3; k++)
        {
            merged.Ids[k] = k == position ? 0 : scan.Ids[k];
            merged.Slots[k] = scan.Slots[k];
            merged.Fills[k] = k == position ? Fill.Bind : scan.Fills[k];
        }
        return true;
    }

    /// <summary>The slot of a pattern's only variable position, when it is filled by <paramref name="fill"/> (others constant).</summary>
    private static int? OnlyVariable(PatternPlan plan, Fill fill)
    {
        int? slot = null;
        for (int k = 0; k < 3; k++)
        {
            if (plan.Fills[k] == Fill.Constant) continue;
            if (plan.Fills[k] != fill || slot is not null) return null;
            slot = plan.Slots[k];
        }
        return slot;
    }

    /// <summary>
    /// The position where a pattern holds <paramref name="slot"/>, filled by <paramref name="fill"/>,
    /// when it is the only such position and the one the pattern's index lists last (the range is
    /// then runs sorted by the slot's ids); its other variables are free, or, with
    /// <paramref name="readsBound"/>, read from the row (then part of the range's prefix).
    /// </summary>
    private static int? ScanPosition(PatternPlan plan, int slot, Fill fill, bool readsBound)
    {
        int mask = 0, position = -1;
        for (int k = 0; k < 3; k++)
        {
            if (plan.Fills[k] == Fill.Constant) mask |= 1 << k;
            else if (plan.Slots[k] == slot)
            {
                if (plan.Fills[k] != fill || position >= 0) return null;
                position = k;
            }
            else if (plan.Fills[k] == Fill.Read)
            {
                if (!readsBound) return null;
                mask |= 1 << k;
            }
        }
        return position >= 0 && s_lastFree[mask] == position ? position : null;
    }

    /// <summary>
    /// A level of a BGP's nested loop below the first whose next level only checks that the ?x it
    /// bound occurs in a one-variable pattern (e.g. <c>?org dct:subject ?tag</c> then
    /// <c>?org dct:spatial country:FRA</c>): once the level's ranges opened so far hold enough quads
    /// (each a check) to pay for reading that pattern's ids (one check per
    /// <see cref="RunEntriesPerSeek"/> ids), its ranges are merge-joined with them and the check level is skipped.
    /// </summary>
    private sealed class DeepMerge(PatternPlan run, int position)
    {
        public readonly PatternPlan Run = run;
        public readonly int Position = position;
        public long Count = -1;   // the run pattern's quads, counted when first needed
        public long Checks;
        public SortedRun? Members;
    }

    /// <summary>The merge candidate at each level (null where none), for <see cref="BgpLoop"/>.</summary>
    private DeepMerge?[] DeepMerges(PatternPlan[] order, int graph)
    {
        var merges = new DeepMerge?[order.Length];
        if (graph == EvaluationContext.AnyNamedGraph || !_context.Uses(EvaluationShortcuts.SortedRunJoins)) return merges;
        for (int level = 1; level + 1 < order.Length; level++)
        {
            PatternPlan run = order[level + 1];
            if (OnlyVariable(run, Fill.Read) is not int x || ScanPosition(order[level], x, Fill.Bind, readsBound: true) is not int position) continue;
            merges[level] = new DeepMerge(run, position);
        }
        return merges;
    }

    /// <summary>
    /// The ids of a merge candidate's pattern, read once the checks ahead (<paramref name="checks"/>
    /// for the range just opened, added to those of earlier ranges) pay for it; null until then.
    /// </summary>
    private SortedRun? MembersFor(DeepMerge merge, long checks, int graph)
    {
        PatternPlan run = merge.Run;
        if (merge.Count < 0) merge.Count = _context.Count(run.Ids[0], run.Ids[1], run.Ids[2], graph);
        long threshold = Math.Max(Math.Max(1, _context.Options.MergeJoinMinRun), merge.Count / RunEntriesPerSeek);
        merge.Checks += checks;
        if (merge.Checks < threshold || merge.Count > MaxIndexedRange) return null;
        int position = Array.FindIndex(run.Fills, f => f == Fill.Read);
        return merge.Members = SortedRun.Read(_context.Scan(run.Ids[0], run.Ids[1], run.Ids[2], graph), position, (int)merge.Count);
    }
}
