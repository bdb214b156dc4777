namespace DihNode.Rdf.Store;

/// <summary>Which graphs of a dataset a <see cref="QuadPattern"/> ranges over.</summary>
public enum GraphScope : byte
{
    /// <summary>The default graph and every named graph.</summary>
    AllGraphs,

    /// <summary>The default graph only.</summary>
    DefaultGraph,

    /// <summary>Every named graph (not the default graph): SPARQL's <c>GRAPH ?g { ... }</c>.</summary>
    NamedGraphs,

    /// <summary>The one graph whose name has id <see cref="QuadPattern.G"/>.</summary>
    Graph,
}

/// <summary>
/// A quad pattern over term ids: <see cref="S"/>, <see cref="P"/>, <see cref="O"/> are bound when not
/// <see cref="TermIds.None"/>; the graph is given by <see cref="Scope"/> (and <see cref="G"/> for
/// <see cref="GraphScope.Graph"/>). The one question storage answers, as in the SPARQL basic graph
/// pattern (https://www.w3.org/TR/sparql11-query/#BasicGraphPatterns).
/// </summary>
public readonly record struct QuadPattern(int S, int P, int O, int G, GraphScope Scope)
{
    /// <summary>A pattern over the default graph only.</summary>
    public static QuadPattern InDefaultGraph(int s = 0, int p = 0, int o = 0) => new(s, p, o, 0, GraphScope.DefaultGraph);

    /// <summary>A pattern over the named graphs only (any graph name).</summary>
    public static QuadPattern InNamedGraphs(int s = 0, int p = 0, int o = 0) => new(s, p, o, 0, GraphScope.NamedGraphs);

    /// <summary>A pattern over the default graph and all named graphs.</summary>
    public static QuadPattern InAllGraphs(int s = 0, int p = 0, int o = 0) => new(s, p, o, 0, GraphScope.AllGraphs);

    /// <summary>A pattern over one graph; <paramref name="g"/> = <see cref="TermIds.DefaultGraph"/> means the default graph.</summary>
    public static QuadPattern InGraph(int g, int s = 0, int p = 0, int o = 0) =>
        g == TermIds.DefaultGraph ? InDefaultGraph(s, p, o) : new(s, p, o, g, GraphScope.Graph);

    /// <summary>True when the quad matches this pattern.</summary>
    public bool Matches(in EncodedQuad q) =>
        (S == 0 || S == q.S) && (P == 0 || P == q.P) && (O == 0 || O == q.O) && Scope switch
        {
            GraphScope.AllGraphs => true,
            GraphScope.DefaultGraph => q.G == TermIds.DefaultGraph,
            GraphScope.NamedGraphs => q.G != TermIds.DefaultGraph,
            _ => q.G == G,
        };
}
