namespace DihNode.Rdf.Model;

/// <summary>
/// One side of an isomorphism check: the distinct quads split into ground quads (a set) and quads with
/// blank nodes, the latter encoded as four slots each (blank-node index or the hash of a ground term)
/// so that colour refinement runs over arrays rather than terms.
/// </summary>
internal sealed class QuadSetSplit
{
    /// <summary>Slot value of a ground term (blank-node slots hold the node's index instead).</summary>
    internal const int GroundSlot = -1;

    public QuadSetSplit(IEnumerable<Quad> quads)
    {
        var index = new Dictionary<BlankNode, int>();
        var slotNodes = new List<int>();
        var slotHashes = new List<ulong>();
        foreach (var q in quads)
        {
            if (Isomorphism.IsGround(q))
            {
                Ground.Add(q);
                continue;
            }
            if (!NonGroundSet.Add(q)) continue;
            NonGround.Add(q);
            AddSlot(q.Subject, 0, index, slotNodes, slotHashes);
            AddSlot(q.Predicate, 1, index, slotNodes, slotHashes);
            AddSlot(q.Object, 2, index, slotNodes, slotHashes);
            AddSlot(q.Graph, 3, index, slotNodes, slotHashes);
        }
        SlotNodes = slotNodes.ToArray();
        SlotHashes = slotHashes.ToArray();
        Nodes = new BlankNode[index.Count];
        foreach (var (node, i) in index) Nodes[i] = node;

        // The distinct quads each blank node occurs in (a node twice in one quad counts once).
        var counts = new int[Nodes.Length];
        ForEachDistinctNode((_, node) => counts[node]++);
        Occurrences = new int[Nodes.Length][];
        for (int i = 0; i < counts.Length; i++) Occurrences[i] = new int[counts[i]];
        Array.Clear(counts);
        ForEachDistinctNode((quad, node) => Occurrences[node][counts[node]++] = quad);
    }

    /// <summary>The quads without blank nodes.</summary>
    public HashSet<Quad> Ground { get; } = [];

    /// <summary>The distinct quads with at least one blank node, in input order.</summary>
    public List<Quad> NonGround { get; } = [];

    public HashSet<Quad> NonGroundSet { get; } = [];

    /// <summary>The blank nodes, by index.</summary>
    public BlankNode[] Nodes { get; }

    public int BlankNodeCount => Nodes.Length;

    /// <summary>Four slots per non-ground quad: a blank-node index, or <see cref="GroundSlot"/>.</summary>
    public int[] SlotNodes { get; }

    /// <summary>Four slots per non-ground quad: the hash of the ground term (0 in blank-node slots).</summary>
    public ulong[] SlotHashes { get; }

    /// <summary>For each blank node, the indexes of the non-ground quads it occurs in.</summary>
    public int[][] Occurrences { get; }

    private void ForEachDistinctNode(Action<int, int> action)
    {
        for (int q = 0; q < NonGround.Count; q++)
        {
            int b = q * 4;
            for (int s = 0; s < 4; s++)
            {
                int node = SlotNodes[b + s];
                if (node == GroundSlot) continue;
                bool seen = false;
                for (int t = 0; t < s; t++) seen |= SlotNodes[b + t] == node;
                if (!seen) action(q, node);
            }
        }
    }

    private static void AddSlot(Term? term, int position, Dictionary<BlankNode, int> index, List<int> nodes, List<ulong> hashes)
    {
        if (term is BlankNode bnode)
        {
            if (!index.TryGetValue(bnode, out int i))
            {
                i = index.Count;
                index.Add(bnode, i);
            }
            nodes.Add(i);
            hashes.Add(0);
            return;
        }
        nodes.Add(GroundSlot);
        // The default graph (null) hashes to a constant of its own.
        ulong h = term is null ? 0x9E3779B97F4A7C15UL : (uint)term.GetHashCode();
        hashes.Add(Hashing.Mix(h + (ulong)position * 0xD6E8FEB86659FD93UL));
    }
}

/// <summary>The 64-bit mixing function used by colour refinement (the SplitMix64 finaliser).</summary>
internal static class Hashing
{
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }
}
