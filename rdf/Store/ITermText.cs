namespace DihNode.Rdf.Store;

/// <summary>
/// Stored term text without decoding a <see cref="Model.Term"/>: lets the evaluator test string
/// functions (REGEX over many rows) on the stored bytes. Optional; an <see cref="IQuadStore"/> without
/// it has its terms decoded as usual.
/// </summary>
internal interface ITermText
{
    /// <summary>
    /// The UTF-8 lexical form of the term with id <paramref name="id"/> (> 0) when it is a string
    /// literal (simple, xsd:string or language-tagged; Query §17.4.3 "string literal"); false otherwise.
    /// </summary>
    bool TryGetStringLiteral(int id, out ReadOnlySpan<byte> utf8);
}
