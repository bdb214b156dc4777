namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// The cost estimate behind greedy BGP join ordering, shared by the optimiser (static order) and
/// the evaluator (order chosen at run time when no plan fixed it). A pattern's exact count (its
/// constants applied) is its cost alone; joined on an already bound subject it is very selective,
/// on a bound object selective, on a bound predicate barely; a pattern sharing no bound variable
/// is a cross product and comes last.
/// </summary>
internal static class Selectivity
{
    /// <summary>The estimate for a pattern with <paramref name="count"/> matches.</summary>
    /// <param name="boundPositions">Per position (s, p, o): whether it is a variable already bound.</param>
    /// <param name="hasVariable">Whether the pattern has a variable position at all (bound or not).</param>
    /// <param name="anythingBound">Whether earlier patterns (or the outer row) bound anything.</param>
    public static double Score(long count, ReadOnlySpan<bool> boundPositions, bool hasVariable, bool anythingBound)
    {
        double score = count;
        bool connected = false;
        for (int k = 0; k < 3; k++)
        {
            if (!boundPositions[k]) continue;
            connected = true;
            score = k switch { 0 => 1 + score / 10000, 2 => 1 + score / 100, _ => 1 + score / 10 };
        }
        if (anythingBound && hasVariable && !connected) score *= 1e6;
        return score;
    }
}
