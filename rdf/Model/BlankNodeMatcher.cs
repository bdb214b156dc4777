namespace DihNode.Rdf.Model;

/// <summary>
/// Finds a bijection between the blank nodes of two quad sets whose ground parts already agree:
/// colour refinement on both sides at once, then individualisation of one node of an ambiguous colour
/// class and backtracking over its candidates on the other side (the classic individualise-and-refine
/// scheme of graph canonisation). Every candidate is verified quad by quad before it is returned.
/// </summary>
internal sealed class BlankNodeMatcher
{
    private const ulong InitialColour = 0x2545F4914F6CDD1DUL;
    private const ulong SelfMarker = 0x6A09E667F3BCC909UL;
    private const ulong IndividualMarker = 0xBB67AE8584CAA73BUL;

    private readonly QuadSetSplit _a;
    private readonly QuadSetSplit _b;

    public BlankNodeMatcher(QuadSetSplit a, QuadSetSplit b)
    {
        _a = a;
        _b = b;
    }

    /// <summary>The mapping from a's blank nodes to b's, or null when there is none.</summary>
    public Dictionary<BlankNode, BlankNode>? Match()
    {
        if (_a.BlankNodeCount != _b.BlankNodeCount || _a.NonGround.Count != _b.NonGround.Count) return null;
        var ca = new ulong[_a.BlankNodeCount];
        var cb = new ulong[_b.BlankNodeCount];
        Array.Fill(ca, InitialColour);
        Array.Fill(cb, InitialColour);
        return Search(ca, cb, 1);
    }

    /// <summary>
    /// A plausible pairing for error messages when there is no isomorphism: nodes are paired by the
    /// colour of the latest refinement round in which a partner with the same colour exists.
    /// </summary>
    public Dictionary<BlankNode, BlankNode> BestEffortMapping()
    {
        var roundsA = new List<ulong[]>();
        var roundsB = new List<ulong[]>();
        var ca = new ulong[_a.BlankNodeCount];
        var cb = new ulong[_b.BlankNodeCount];
        Array.Fill(ca, InitialColour);
        Array.Fill(cb, InitialColour);
        int classes = 1;
        for (int round = 0; round < 64; round++)
        {
            roundsA.Add(ca);
            roundsB.Add(cb);
            ca = Step(_a, ca);
            cb = Step(_b, cb);
            int now = CountDistinct(ca) + CountDistinct(cb);
            if (now == classes) break;
            classes = now;
        }

        var mapping = new Dictionary<BlankNode, BlankNode>();
        var usedB = new bool[_b.BlankNodeCount];
        var mappedA = new bool[_a.BlankNodeCount];
        for (int r = roundsA.Count - 1; r >= 0; r--)
        {
            var free = new Dictionary<ulong, Queue<int>>();
            for (int j = 0; j < usedB.Length; j++)
            {
                if (usedB[j]) continue;
                if (!free.TryGetValue(roundsB[r][j], out var queue)) free[roundsB[r][j]] = queue = new Queue<int>();
                queue.Enqueue(j);
            }
            for (int i = 0; i < mappedA.Length; i++)
            {
                if (mappedA[i] || !free.TryGetValue(roundsA[r][i], out var queue) || queue.Count == 0) continue;
                int j = queue.Dequeue();
                usedB[j] = mappedA[i] = true;
                mapping[_a.Nodes[i]] = _b.Nodes[j];
            }
        }
        return mapping;
    }

    private Dictionary<BlankNode, BlankNode>? Search(ulong[] ca, ulong[] cb, int depth)
    {
        if (!Refine(ref ca, ref cb)) return null;

        // Branch on the smallest colour class that still holds more than one node.
        var classSizes = new Dictionary<ulong, int>();
        foreach (ulong c in ca) classSizes[c] = classSizes.GetValueOrDefault(c) + 1;
        ulong branchColour = 0;
        int branchSize = int.MaxValue;
        foreach (var (colour, size) in classSizes)
        {
            if (size > 1 && size < branchSize)
            {
                branchSize = size;
                branchColour = colour;
            }
        }
        if (branchSize == int.MaxValue) return VerifyDiscrete(ca, cb);

        int x = Array.IndexOf(ca, branchColour);
        ulong marked = Hashing.Mix(branchColour ^ Hashing.Mix(IndividualMarker + (ulong)depth));
        for (int y = 0; y < cb.Length; y++)
        {
            if (cb[y] != branchColour) continue;
            var ca2 = (ulong[])ca.Clone();
            var cb2 = (ulong[])cb.Clone();
            ca2[x] = marked;
            cb2[y] = marked;
            var found = Search(ca2, cb2, depth + 1);
            if (found is not null) return found;
        }
        return null;
    }

    /// <summary>
    /// Refines both colourings in step until the number of classes stops growing. False as soon as the
    /// two sides' colour multisets differ, since then no isomorphism can respect the current choices.
    /// </summary>
    private bool Refine(ref ulong[] ca, ref ulong[] cb)
    {
        int classes = CompareColours(ca, cb);
        if (classes < 0) return false;
        while (classes < ca.Length)
        {
            var na = Step(_a, ca);
            var nb = Step(_b, cb);
            int now = CompareColours(na, nb);
            if (now < 0) return false;
            ca = na;
            cb = nb;
            if (now == classes) break;
            classes = now;
        }
        return true;
    }

    /// <summary>One refinement round: each node's new colour hashes its colour with its quads' shapes.</summary>
    private static ulong[] Step(QuadSetSplit side, ulong[] colours)
    {
        var next = new ulong[colours.Length];
        var slotNodes = side.SlotNodes;
        var slotHashes = side.SlotHashes;
        for (int node = 0; node < colours.Length; node++)
        {
            ulong sum = 0;
            foreach (int q in side.Occurrences[node])
            {
                int b = q * 4;
                ulong h = 0xCBF29CE484222325UL;
                for (int s = 0; s < 4; s++)
                {
                    int n = slotNodes[b + s];
                    ulong v = n == QuadSetSplit.GroundSlot ? slotHashes[b + s]
                        : n == node ? SelfMarker + (ulong)s
                        : Hashing.Mix(colours[n] + (ulong)s);
                    h = Hashing.Mix(h * 31 + v);
                }
                // A sum of mixed hashes is a hash of the multiset of the node's quads.
                sum += Hashing.Mix(h);
            }
            next[node] = Hashing.Mix(colours[node] * 0x9E3779B97F4A7C15UL + sum);
        }
        return next;
    }

    /// <summary>The number of colour classes, or -1 when the two sides' colour multisets differ.</summary>
    private static int CompareColours(ulong[] ca, ulong[] cb)
    {
        if (ca.Length != cb.Length) return -1;
        var sa = (ulong[])ca.Clone();
        var sb = (ulong[])cb.Clone();
        Array.Sort(sa);
        Array.Sort(sb);
        if (!sa.AsSpan().SequenceEqual(sb)) return -1;
        int classes = sa.Length == 0 ? 0 : 1;
        for (int i = 1; i < sa.Length; i++) if (sa[i] != sa[i - 1]) classes++;
        return classes;
    }

    private static int CountDistinct(ulong[] colours) => new HashSet<ulong>(colours).Count;

    /// <summary>With every colour class a single node, the mapping is forced: check it quad by quad.</summary>
    private Dictionary<BlankNode, BlankNode>? VerifyDiscrete(ulong[] ca, ulong[] cb)
    {
        var byColour = new Dictionary<ulong, int>(cb.Length);
        for (int j = 0; j < cb.Length; j++) byColour[cb[j]] = j;
        var mapping = new Dictionary<BlankNode, BlankNode>(ca.Length);
        for (int i = 0; i < ca.Length; i++) mapping[_a.Nodes[i]] = _b.Nodes[byColour[ca[i]]];
        foreach (var q in _a.NonGround)
        {
            if (!_b.NonGroundSet.Contains(Isomorphism.Rename(q, mapping))) return null;
        }
        return mapping;
    }
}
