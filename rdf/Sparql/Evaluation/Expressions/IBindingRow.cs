using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>
/// One solution as the expression evaluator sees it: the term bound to a variable, or null when
/// the variable is unbound. Implementations may decode terms lazily from storage ids.
/// </summary>
public interface IBindingRow
{
    /// <summary>The term bound to <paramref name="variable"/>, or null if it is unbound.</summary>
    Term? Get(Variable variable);
}
