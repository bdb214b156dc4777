namespace DihNode.Rdf.Model;

/// <summary>The handful of IRIs the RDF core itself needs (RDF, XSD).</summary>
public static class Vocabulary
{
    public static class Rdf
    {
        public const string Namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        public static readonly Iri Type = Iri.FromTrusted(Namespace + "type");
        public static readonly Iri First = Iri.FromTrusted(Namespace + "first");
        public static readonly Iri Rest = Iri.FromTrusted(Namespace + "rest");
        public static readonly Iri Nil = Iri.FromTrusted(Namespace + "nil");
        public static readonly Iri LangString = Iri.FromTrusted(Namespace + "langString");
    }

    public static class Xsd
    {
        public const string Namespace = "http://www.w3.org/2001/XMLSchema#";
        public static readonly Iri String = Iri.FromTrusted(Namespace + "string");
        public static readonly Iri Boolean = Iri.FromTrusted(Namespace + "boolean");
        public static readonly Iri Integer = Iri.FromTrusted(Namespace + "integer");
        public static readonly Iri Decimal = Iri.FromTrusted(Namespace + "decimal");
        public static readonly Iri Double = Iri.FromTrusted(Namespace + "double");
        public static readonly Iri Float = Iri.FromTrusted(Namespace + "float");
        public static readonly Iri Date = Iri.FromTrusted(Namespace + "date");
        public static readonly Iri DateTime = Iri.FromTrusted(Namespace + "dateTime");
    }
}
