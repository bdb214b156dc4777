namespace DihNode.Rdf.Store;

/// <summary>
/// The order of an index's key components: where S, P, O and G sit in the key (G = -1 for the
/// three-component default-graph indexes). A pattern is answered by the index whose leading
/// components are exactly the bound ones, so its matches form one contiguous key range.
/// </summary>
internal readonly struct IndexOrder
{
    public readonly sbyte S, P, O, G;

    private IndexOrder(int s, int p, int o, int g) { S = (sbyte)s; P = (sbyte)p; O = (sbyte)o; G = (sbyte)g; }

    // Default graph (S, P, O).
    public static readonly IndexOrder Spo = new(0, 1, 2, -1);
    public static readonly IndexOrder Pos = new(2, 0, 1, -1);
    public static readonly IndexOrder Osp = new(1, 2, 0, -1);

    // Named graphs.
    public static readonly IndexOrder Gspo = new(1, 2, 3, 0);
    public static readonly IndexOrder Gpos = new(3, 1, 2, 0);
    public static readonly IndexOrder Gosp = new(2, 3, 1, 0);
    public static readonly IndexOrder Spog = new(0, 1, 2, 3);
    public static readonly IndexOrder Posg = new(2, 0, 1, 3);
    public static readonly IndexOrder Ospg = new(1, 2, 0, 3);

    /// <summary>Default-graph index slots: 0 = SPO, 1 = POS, 2 = OSP.</summary>
    public static readonly IndexOrder[] Default = [Spo, Pos, Osp];

    /// <summary>Named-graph index slots: 0 = GSPO, 1 = GPOS, 2 = GOSP, 3 = SPOG, 4 = POSG, 5 = OSPG.</summary>
    public static readonly IndexOrder[] Named = [Gspo, Gpos, Gosp, Spog, Posg, Ospg];

    /// <summary>Bound-position masks: 1 = S, 2 = P, 4 = O, 8 = G.</summary>
    public const int BoundS = 1, BoundP = 2, BoundO = 4, BoundG = 8;

    /// <summary>For each S/P/O mask, the default-graph slot whose key starts with the bound components.</summary>
    private static readonly byte[] s_defaultSlot = [0, 0, 1, 0, 2, 2, 1, 0];

    /// <summary>The default-graph index slot for a mask over S, P, O.</summary>
    public static int DefaultSlot(int mask) => s_defaultSlot[mask & 7];

    /// <summary>The named-graph index slot for a mask over S, P, O, G.</summary>
    public static int NamedSlot(int mask) => (mask & BoundG) != 0 ? s_defaultSlot[mask & 7] : 3 + s_defaultSlot[mask & 7];

    public Key3 ToKey3(in EncodedQuad q)
    {
        Key3 k = default;
        QuadKey.At(ref k, S) = q.S;
        QuadKey.At(ref k, P) = q.P;
        QuadKey.At(ref k, O) = q.O;
        return k;
    }

    public Key4 ToKey4(in EncodedQuad q)
    {
        Key4 k = default;
        QuadKey.At(ref k, S) = q.S;
        QuadKey.At(ref k, P) = q.P;
        QuadKey.At(ref k, O) = q.O;
        QuadKey.At(ref k, G) = q.G;
        return k;
    }

    public EncodedQuad ToQuad<T>(in T key) where T : unmanaged, IQuadKey<T> =>
        new(QuadKey.Get(in key, S), QuadKey.Get(in key, P), QuadKey.Get(in key, O), G < 0 ? 0 : QuadKey.Get(in key, G));

    /// <summary>Re-orders a key of order <paramref name="from"/> into this order.</summary>
    public T Permute<T>(in T key, IndexOrder from) where T : unmanaged, IQuadKey<T>
    {
        T k = default;
        QuadKey.At(ref k, S) = QuadKey.Get(in key, from.S);
        QuadKey.At(ref k, P) = QuadKey.Get(in key, from.P);
        QuadKey.At(ref k, O) = QuadKey.Get(in key, from.O);
        if (G >= 0) QuadKey.At(ref k, G) = QuadKey.Get(in key, from.G);
        return k;
    }
}
