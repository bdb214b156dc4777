using DihNode.Rdf.Model;

namespace DihNode.Rdf.Shacl;

/// <summary>The SHACL vocabulary terms the validator reads and writes (https://www.w3.org/TR/shacl/).</summary>
internal static class Sh
{
    public const string Ns = "http://www.w3.org/ns/shacl#";
    private static Iri I(string local) => Iri.FromTrusted(Ns + local);

    public static readonly Iri NodeShape = I("NodeShape"), PropertyShape = I("PropertyShape");
    public static readonly Iri TargetNode = I("targetNode"), TargetClass = I("targetClass");
    public static readonly Iri TargetSubjectsOf = I("targetSubjectsOf"), TargetObjectsOf = I("targetObjectsOf");
    public static readonly Iri Path = I("path"), Deactivated = I("deactivated"), Severity = I("severity"), Message = I("message");
    public static readonly Iri Violation = I("Violation"), Warning = I("Warning"), Info = I("Info");
    public static readonly Iri AlternativePath = I("alternativePath"), InversePath = I("inversePath");
    public static readonly Iri ZeroOrMorePath = I("zeroOrMorePath"), OneOrMorePath = I("oneOrMorePath"), ZeroOrOnePath = I("zeroOrOnePath");

    public static readonly Iri Class = I("class"), Datatype = I("datatype"), NodeKind = I("nodeKind");
    public static readonly Iri MinCount = I("minCount"), MaxCount = I("maxCount");
    public static readonly Iri MinExclusive = I("minExclusive"), MinInclusive = I("minInclusive");
    public static readonly Iri MaxExclusive = I("maxExclusive"), MaxInclusive = I("maxInclusive");
    public static readonly Iri MinLength = I("minLength"), MaxLength = I("maxLength");
    public static readonly Iri Pattern = I("pattern"), Flags = I("flags"), LanguageIn = I("languageIn"), UniqueLang = I("uniqueLang");
    public static readonly Iri EqualsP = I("equals"), Disjoint = I("disjoint"), LessThan = I("lessThan"), LessThanOrEquals = I("lessThanOrEquals");
    public static readonly Iri Not = I("not"), And = I("and"), Or = I("or"), Xone = I("xone");
    public static readonly Iri Node = I("node"), Property = I("property");
    public static readonly Iri QualifiedValueShape = I("qualifiedValueShape"), QualifiedMinCount = I("qualifiedMinCount");
    public static readonly Iri QualifiedMaxCount = I("qualifiedMaxCount"), QualifiedValueShapesDisjoint = I("qualifiedValueShapesDisjoint");
    public static readonly Iri Closed = I("closed"), IgnoredProperties = I("ignoredProperties"), HasValue = I("hasValue"), In = I("in");

    public static readonly Iri BlankNode = I("BlankNode"), IRI = I("IRI"), LiteralKind = I("Literal");
    public static readonly Iri BlankNodeOrIRI = I("BlankNodeOrIRI"), BlankNodeOrLiteral = I("BlankNodeOrLiteral"), IRIOrLiteral = I("IRIOrLiteral");

    public static readonly Iri Sparql = I("sparql"), Select = I("select"), Ask = I("ask"), Prefixes = I("prefixes");
    public static readonly Iri Declare = I("declare"), Prefix = I("prefix"), Namespace = I("namespace");
    public static readonly Iri ConstraintComponent = I("ConstraintComponent"), Parameter = I("parameter"), Optional = I("optional");
    public static readonly Iri Validator = I("validator"), NodeValidator = I("nodeValidator"), PropertyValidator = I("propertyValidator");
    public static readonly Iri SparqlConstraintComponent = I("SPARQLConstraintComponent");

    public static readonly Iri ValidationReport = I("ValidationReport"), ValidationResult = I("ValidationResult");
    public static readonly Iri Conforms = I("conforms"), Result = I("result"), FocusNode = I("focusNode"), ResultPath = I("resultPath");
    public static readonly Iri Value = I("value"), SourceShape = I("sourceShape"), SourceConstraintComponent = I("sourceConstraintComponent");
    public static readonly Iri SourceConstraint = I("sourceConstraint"), ResultSeverity = I("resultSeverity"), ResultMessage = I("resultMessage");

    /// <summary>The IRI of a core constraint component: sh:ClassConstraintComponent for "Class".</summary>
    public static Iri Component(string name) => I(name + "ConstraintComponent");

    public static readonly Iri RdfsClass = Iri.FromTrusted("http://www.w3.org/2000/01/rdf-schema#Class");
    public static readonly Iri SubClassOf = Iri.FromTrusted("http://www.w3.org/2000/01/rdf-schema#subClassOf");
    public static readonly Iri OwlImports = Iri.FromTrusted("http://www.w3.org/2002/07/owl#imports");
}
