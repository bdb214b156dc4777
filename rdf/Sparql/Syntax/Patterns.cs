using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// A triple pattern as written: the predicate is either a term (IRI or variable) in
/// <see cref="Predicate"/> or a property path in <see cref="Path"/>.
/// </summary>
public sealed record TriplePatternSyntax(Term Subject, Term? Predicate, PropertyPath? Path, Term Obj)
{
    public override string ToString() => $"{Subject} {(Predicate?.ToString() ?? Path!.ToString())} {Obj}";
}

/// <summary>One element of a group graph pattern (Query §19.8 GroupGraphPatternSub).</summary>
public abstract record PatternElement;

/// <summary>A TriplesBlock: consecutive triple patterns.</summary>
public sealed record TriplesBlock(IReadOnlyList<TriplePatternSyntax> Triples) : PatternElement;

/// <summary><c>OPTIONAL { … }</c>.</summary>
public sealed record OptionalElement(GroupGraphPattern Pattern) : PatternElement;

/// <summary><c>{ … } UNION { … } …</c> (a single group is just a nested group).</summary>
public sealed record UnionElement(IReadOnlyList<GroupGraphPattern> Alternatives) : PatternElement;

/// <summary><c>MINUS { … }</c>.</summary>
public sealed record MinusElement(GroupGraphPattern Pattern) : PatternElement;

/// <summary><c>GRAPH g { … }</c>.</summary>
public sealed record GraphElement(Term Graph, GroupGraphPattern Pattern) : PatternElement;

/// <summary><c>SERVICE [SILENT] s { … }</c>.</summary>
public sealed record ServiceElement(Term Endpoint, bool Silent, GroupGraphPattern Pattern) : PatternElement;

/// <summary><c>FILTER e</c>.</summary>
public sealed record FilterElement(Expression Condition) : PatternElement;

/// <summary><c>BIND (e AS ?v)</c>.</summary>
public sealed record BindElement(Expression Value, Variable Variable) : PatternElement;

/// <summary><c>VALUES …</c> inside a group.</summary>
public sealed record ValuesElement(InlineData Data) : PatternElement;

/// <summary>A sub-SELECT as the whole content of a group (§12).</summary>
public sealed record SubSelectElement(Query Query) : PatternElement;

/// <summary><c>{ … }</c>: the elements in order.</summary>
public sealed record GroupGraphPattern(IReadOnlyList<PatternElement> Elements);

/// <summary>
/// VALUES data (§10.2): the variables and one row per solution; a null cell is UNDEF.
/// </summary>
public sealed record InlineData(IReadOnlyList<Variable> Variables, IReadOnlyList<IReadOnlyList<Term?>> Rows);
