using DihNode.Rdf.Model;
using DihNode.Rdf.Shacl;
using static DihNode.Rdf.Tests.Shacl.ShaclTestSupport;

namespace DihNode.Rdf.Tests.Shacl;

/// <summary>SHACL Core constraint components (SHACL §4), one test per family.</summary>
public class CoreComponentTests
{
    [Fact]
    public void ValueTypeComponents()
    {
        var report = Validate("""
            ex:Dog rdfs:subClassOf ex:Animal .
            ex:a a ex:Dog ; ex:age 3 ; ex:born "2020-01-01"^^xsd:date ; ex:ref ex:x .
            ex:b a ex:Cat ; ex:age "three"^^xsd:integer ; ex:born "2020-02-30"^^xsd:date ; ex:ref "x" .
            """, """
            ex:S sh:targetNode ex:a, ex:b ; sh:class ex:Animal ;
              sh:property [ sh:path ex:age ; sh:datatype xsd:integer ] ;
              sh:property [ sh:path ex:born ; sh:datatype xsd:date ] ;
              sh:property [ sh:path ex:ref ; sh:nodeKind sh:IRI ] .
            """);
        Assert.False(report.Conforms);
        Assert.Equal(["b Class b", "b Datatype 2020-02-30", "b Datatype three", "b NodeKind x"], Summary(report));
    }

    [Theory]
    [InlineData("12:30:00Z", "xsd:time", true)]
    [InlineData("25:00:00", "xsd:time", false)]
    [InlineData("2024", "xsd:gYear", true)]
    [InlineData("24", "xsd:gYear", false)]
    [InlineData("P1DT2H", "xsd:duration", true)]
    [InlineData("P1Y", "xsd:dayTimeDuration", false)]
    [InlineData("0FA1", "xsd:hexBinary", true)]
    [InlineData("0FA", "xsd:hexBinary", false)]
    [InlineData("300", "xsd:byte", false)]
    [InlineData("-5", "xsd:nonNegativeInteger", false)]
    [InlineData("de-CH", "xsd:language", true)]
    [InlineData("2020-01-01T00:00:00", "xsd:dateTimeStamp", false)]
    [InlineData("2020-01-01T00:00:00Z", "xsd:dateTimeStamp", true)]
    [InlineData("anything", "ex:customType", true)]
    public void DatatypeChecksLexicalForms(string lexical, string datatype, bool wellFormed)
    {
        var report = Validate($"ex:a ex:v \"{lexical}\"^^{datatype} .", $"ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:v ; sh:datatype {datatype} ] .");
        Assert.Equal(wellFormed, report.Conforms);
    }

    [Fact]
    public void CardinalityAndRange()
    {
        var report = Validate("""
            ex:a ex:n 5, 10 .
            ex:b ex:n 0 .
            ex:c ex:n "text" .
            """, """
            ex:S sh:targetNode ex:a, ex:b, ex:c, ex:d ;
              sh:property [ sh:path ex:n ; sh:minCount 1 ; sh:maxCount 1 ; sh:minExclusive 0 ; sh:maxInclusive 9 ] .
            """);
        // "text" cannot be compared with a number: a violation, not a silent pass.
        Assert.Equal(["a MaxCount", "a MaxInclusive 10", "b MinExclusive 0", "c MaxInclusive text", "c MinExclusive text", "d MinCount"], Summary(report));
    }

    [Fact]
    public void StringComponents()
    {
        var report = Validate("""
            ex:a ex:code "AB12" ; ex:label "Hallo"@de, "Hello"@en-GB .
            ex:b ex:code "ab" ; ex:label "Salut"@fr, "Bonjour"@fr .
            ex:c ex:code _:x .
            """, """
            ex:S sh:targetNode ex:a, ex:b, ex:c ;
              sh:property [ sh:path ex:code ; sh:minLength 3 ; sh:maxLength 4 ; sh:pattern "^[a-z]+[0-9]*$" ; sh:flags "i" ] ;
              sh:property [ sh:path ex:label ; sh:languageIn ( "en" "de" ) ; sh:uniqueLang true ] .
            """);
        var summary = Summary(report);
        Assert.Contains("b MinLength ab", summary);
        Assert.Contains("b LanguageIn Salut", summary);
        Assert.Contains("b LanguageIn Bonjour", summary);
        Assert.Contains("b UniqueLang", summary);
        Assert.DoesNotContain(summary, s => s.StartsWith("a ", StringComparison.Ordinal));
        // A blank node has no string form: length and pattern fail.
        Assert.Equal(3, summary.Count(s => s.StartsWith("c ", StringComparison.Ordinal)));
    }

    [Fact]
    public void PropertyPairComponents()
    {
        var report = Validate("""
            ex:a ex:p 1 ; ex:q 1 ; ex:r 2 ; ex:start 1 ; ex:end 2 .
            ex:b ex:p 1 ; ex:q 2 ; ex:r 1 ; ex:start 3 ; ex:end 3 .
            """, """
            ex:S sh:targetNode ex:a, ex:b ;
              sh:property [ sh:path ex:p ; sh:equals ex:q ; sh:disjoint ex:r ] ;
              sh:property [ sh:path ex:start ; sh:lessThan ex:end ] ;
              sh:property [ sh:path ex:start ; sh:lessThanOrEquals ex:end ] .
            """);
        Assert.Equal(["b Disjoint 1", "b Equals 1", "b Equals 2", "b LessThan 3"], Summary(report));
    }

    [Fact]
    public void LogicalAndShapeBasedComponents()
    {
        var report = Validate("""
            ex:a ex:p 1 .
            ex:b ex:p "x" .
            ex:c ex:p 1, "x" .
            """, """
            ex:Int sh:property [ sh:path ex:p ; sh:datatype xsd:integer ] .
            ex:Str sh:property [ sh:path ex:p ; sh:datatype xsd:string ] .
            ex:Has sh:property [ sh:path ex:p ; sh:minCount 1 ] .
            ex:S sh:targetNode ex:a, ex:b, ex:c ;
              sh:or ( ex:Int ex:Str ) ; sh:xone ( ex:Int ex:Str ) ; sh:and ( ex:Has ex:Int ) ;
              sh:not ex:Str ; sh:node ex:Has .
            """);
        Assert.Equal(["b And b", "b Not b", "c And c", "c Or c", "c Xone c"], Summary(report));
    }

    [Fact]
    public void QualifiedValueShapes()
    {
        var report = Validate("""
            ex:a ex:part ex:x, ex:y .
            ex:x a ex:Wheel . ex:y a ex:Wheel .
            """, """
            ex:S sh:targetNode ex:a ;
              sh:property [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Wheel ] ; sh:qualifiedMinCount 3 ] ;
              sh:property [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Wheel ] ; sh:qualifiedMaxCount 1 ] .
            """);
        Assert.Equal(["a QualifiedMaxCount", "a QualifiedMinCount"], Summary(report));
    }

    [Fact]
    public void OtherComponents()
    {
        var report = Validate("""
            ex:a ex:colour ex:Red ; ex:status ex:On ; ex:extra 1 .
            ex:b ex:colour ex:Pink ; ex:status ex:Off .
            """, """
            ex:S sh:targetNode ex:a, ex:b ; sh:closed true ; sh:ignoredProperties ( ex:status ) ;
              sh:property [ sh:path ex:colour ; sh:in ( ex:Red ex:Green ) ] ;
              sh:property [ sh:path ex:status ; sh:hasValue ex:On ] .
            """);
        Assert.Equal(["a Closed 1", "b HasValue", "b In Pink"], Summary(report));
        Assert.Equal(I("extra"), report.Results.Single(r => r.Value is Literal).ResultPath);
    }

    [Fact]
    public void RecursiveShapesTerminate()
    {
        var report = Validate("""
            ex:a ex:knows ex:b . ex:b ex:knows ex:a . ex:c ex:knows ex:d .
            ex:a a ex:Person . ex:b a ex:Person . ex:c a ex:Person .
            """, """
            ex:Person a sh:NodeShape, rdfs:Class ; sh:class ex:Person ;
              sh:property [ sh:path ex:knows ; sh:node ex:Person ] .
            """);
        Assert.Equal(["c Node d"], Summary(report));
    }

    [Fact]
    public void SeverityDeactivationAndMessages()
    {
        var report = Validate("ex:a ex:p 1 .", """
            ex:W sh:targetNode ex:a ; sh:severity sh:Warning ; sh:message "needs q" ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .
            ex:I sh:targetNode ex:a ; sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:severity sh:Info ; sh:message "q please"@en ] .
            ex:D sh:targetNode ex:a ; sh:deactivated true ; sh:class ex:Nothing .
            """);
        Assert.Equal(2, report.Results.Count);
        var info = report.Results.Single(r => r.SeverityLevel == ShaclSeverity.Info);
        Assert.Equal(Literal.LangString("q please", "en"), Assert.Single(info.Messages));
        // sh:severity of a node shape does not pass to its property shapes.
        Assert.Equal(ShaclSeverity.Violation, report.Results.Single(r => r != info).SeverityLevel);
    }

    [Fact]
    public void TargetsOfEveryKind()
    {
        var report = Validate("""
            ex:Sub rdfs:subClassOf ex:C .
            ex:a a ex:Sub . ex:b ex:p ex:c . ex:d a ex:Implicit .
            """, """
            ex:T1 sh:targetClass ex:C ; sh:class ex:None .
            ex:T2 sh:targetSubjectsOf ex:p ; sh:class ex:None .
            ex:T3 sh:targetObjectsOf ex:p ; sh:class ex:None .
            ex:Implicit a rdfs:Class, sh:NodeShape ; sh:class ex:None .
            ex:T4 sh:targetNode ex:e ; sh:class ex:None .
            """);
        Assert.Equal(["a Class a", "b Class b", "c Class c", "d Class d", "e Class e"], Summary(report));
    }

    [Fact]
    public void InvalidPatternIsAFailure() =>
        Assert.Throws<ShaclException>(() => Validate("ex:a ex:p \"x\" .", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern \"(\" ] ."));
}
