namespace DihNode.Rdf.Shacl;

/// <summary>A shapes graph SHACL cannot use, or a SHACL-SPARQL query it must refuse: validation fails (SHACL §3.6.1 failures).</summary>
public sealed class ShaclException : Exception
{
    public ShaclException(string message) : base(message) { }
    public ShaclException(string message, Exception inner) : base(message, inner) { }
}
